using System.Text.Json;

namespace GongTongDizao.Testing;

/// <summary>
/// Writes every request a test sends through <see cref="DevHostFixture.CreateClient"/> and the response it got to
/// <c>$GTD_TEST_RESULTS/exchanges/&lt;process&gt;.jsonl</c>, one JSON object a line, for the outside contract check
/// (tools/contract-exchanges.mjs validates them against openapi.yaml). Records only when GTD_TEST_RESULTS is set
/// (./test.sh sets it). Credentials are masked; bodies over 256 KB are cut and marked so.
/// </summary>
public sealed class ExchangeRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxBody = 256 * 1024;
    private static readonly Lock s_lock = new();
    private static readonly string[] s_masked = ["authorization", "x-functions-key", "cookie"];
    private static readonly string? s_file = FileName();

    public static HttpMessageHandler Wrap(HttpMessageHandler inner) => s_file is null ? inner : new ExchangeRecorder(inner);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? requestBody = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            requestBody = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        Write(new
        {
            at = DateTimeOffset.UtcNow,
            method = request.Method.Method,
            url = request.RequestUri?.ToString(),
            requestHeaders = Headers(request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())),
            requestBody = Cut(requestBody),
            requestBodyTruncated = requestBody?.Length > MaxBody,
            status = (int)response.StatusCode,
            responseHeaders = Headers(response.Headers.Concat(response.Content.Headers)),
            responseBody = Cut(responseBody),
            responseBodyTruncated = responseBody.Length > MaxBody,
        });
        return response;
    }

    private static Dictionary<string, string> Headers(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers) =>
        headers.GroupBy(h => h.Key.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => s_masked.Contains(g.Key) ? "***" : string.Join(", ", g.SelectMany(h => h.Value)));

    private static string? Cut(string? body) => body is null || body.Length <= MaxBody ? body : body[..MaxBody];

    private static void Write(object exchange)
    {
        var line = JsonSerializer.Serialize(exchange) + "\n";
        lock (s_lock)
        {
            File.AppendAllText(s_file!, line);
        }
    }

    private static string? FileName()
    {
        var results = Environment.GetEnvironmentVariable("GTD_TEST_RESULTS");
        if (string.IsNullOrEmpty(results))
        {
            return null;
        }

        var folder = Path.Combine(results, "exchanges");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{AppDomain.CurrentDomain.FriendlyName}-{Environment.ProcessId}.jsonl");
    }
}
