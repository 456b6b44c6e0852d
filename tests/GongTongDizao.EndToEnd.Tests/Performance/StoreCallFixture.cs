using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GongTongDizao.Core.Storage;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>
/// The local host with the worker's store-call log switched on (<see cref="StoreCallLog"/> at Debug, in the worker's
/// logging and in host.json's filter), so each measured request's calls are read from the lines of its invocation.
/// Only this fixture turns the category on: elsewhere, and in Azure, the lines are never formatted.
/// </summary>
public sealed partial class StoreCallFixture : DevHostFixture
{
    protected override bool ConfigureHostJson(JsonNode hostJson)
    {
        ArgumentNullException.ThrowIfNull(hostJson);
        hostJson["logging"]!["logLevel"]![StoreCallLog.Category] = "Debug";
        // The WeChat client's own line per call (redacted path, status, duration), for the timeline of a request.
        hostJson["logging"]!["logLevel"]!["GongTongDizao.WeChat"] = "Debug";
        return true;
    }

    /// <summary>Sends a request like the mini-program and returns what it answered and the store calls it made.</summary>
    public async Task<(int Status, JsonElement Body, StoreCallTally Calls)> SendMeasuredAsync(HttpMethod method, string path, string? token = null, object? body = null, string? functionKey = null)
    {
        var before = Logs.Entries.Count;
        using var client = CreateClient();
        using var request = ApiClient.Request(method, path, token, body, functionKey);

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ApiClient.AssertMatchesContract(method.Method, path, response, text);

        // The host logs the request once the worker has answered the invocation, so every call line is in by then.
        var route = $"HTTP {method.Method} ";
        Match? requestLine = null;
        await Eventually.TrueAsync(
            () =>
            {
                requestLine = Logs.Entries.Skip(before)
                    .Where(e => e.Category == "GongTongDizao.DevHost.Http.RequestLogging" && e.Message.StartsWith(route, StringComparison.Ordinal))
                    .Select(e => RequestLine().Match(e.Message))
                    .LastOrDefault(m => m.Success);
                return requestLine is not null;
            },
            TimeSpan.FromSeconds(30));
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        var tally = StoreCallLogReader.Tally(Logs.Entries, requestLine!.Groups["id"].Value);
        tally.RequestMilliseconds = double.Parse(requestLine.Groups["ms"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return ((int)response.StatusCode, json, tally);
    }

    // Two switches, one per process. The worker takes the app's categories at Debug (a dot-free key: the one naming
    // the category itself never reached the worker's configuration, so every count read zero); host.json above then
    // forwards only the call log's lines, which this host logs as "Worker.<category>", at Debug too.
    protected override IEnumerable<string> Arguments() =>
    [
        .. base.Arguments(),
        "--Logging:LogLevel:GongTongDizao=Debug",
        $"--Logging:LogLevel:Worker.{StoreCallLog.Category}=Debug",
        "--Logging:LogLevel:Worker.GongTongDizao.WeChat=Debug",
    ];

    [GeneratedRegex(@" in (?<ms>[0-9.]+) ms \(.*Id=(?<id>[0-9a-f-]+)\)$")]
    private static partial Regex RequestLine();
}

[CollectionDefinition(Name)]
public sealed class StoreCallCollection : ICollectionFixture<StoreCallFixture>
{
    public const string Name = "Store calls";
}
