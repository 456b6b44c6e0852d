using GongTongDizao.Testing;
using Xunit.Abstractions;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>The worker as Azure runs it: Production, no demo data, no triggers that would log beside the request.</summary>
public sealed class ProductionLoggingFixture : DevHostFixture
{
    protected override IEnumerable<string> Arguments() =>
        [.. base.Arguments(), "--AZURE_FUNCTIONS_ENVIRONMENT=Production", "--DevHost:SeedDemoData=false", "--DevHost:RunTriggers=false"];
}

/// <summary>
/// What one request and one WeChat call cost in log records with the configuration Azure runs. The worker's own
/// filter decides it (host.json does not filter the worker): every record the worker emits goes to the host and,
/// in Azure, to Application Insights, where each one is billed.
/// </summary>
public sealed class WorkerLoggingTests(ProductionLoggingFixture host, ITestOutputHelper output) : IClassFixture<ProductionLoggingFixture>
{
    private static readonly string[] s_framework = ["Worker.Microsoft.", "Worker.System.", "Worker.Polly", "Worker.Azure."];

    [Fact]
    public async Task A_request_and_a_WeChat_call_send_no_framework_records()
    {
        // Under a loaded run a probe may time out (Azurite busy for 5 s) at any moment, and an unhealthy answer logs why:
        // the health request measured is one that found the host healthy.
        List<LogEntry>? healthy = null;
        await Eventually.TrueAsync(async () => (healthy = await RecordsOfAsync(HttpMethod.Get, "api/health", null, requireOk: false)) is not null, TimeSpan.FromSeconds(60));
        var health = healthy!;
        var login = (await RecordsOfAsync(HttpMethod.Post, "api/auth/login", new { code = $"dev-{Guid.NewGuid():N}" }, requireOk: true))!;

        var table = $"""
            ## Worker log records per request

            Counted by `Performance/WorkerLoggingTests` on the real worker with `AZURE_FUNCTIONS_ENVIRONMENT=Production`: every
            record the worker emits reaches the host and, in Azure, Application Insights.

            | request | records | of which framework (Microsoft.*, System.*, Polly, Azure.*) |
            |---|---:|---:|
            | GET /api/health (Cosmos and Storage probes, no WeChat) | {health.Count} | {Framework(health)} |
            | POST /api/auth/login (one WeChat code2Session call) | {login.Count} | {Framework(login)} |

            Before the worker's own filter (`WorkerLogging`), the same two requests sent four framework records each and
            the login one more (the resilience pipeline's line per WeChat call).
            """;
        output.WriteLine(table);
        Directory.CreateDirectory(CaseTally.ResultsFolder());
        await File.WriteAllTextAsync(Path.Combine(CaseTally.ResultsFolder(), "worker-logging.md"), table + Environment.NewLine);

        Assert.Equal(0, Framework(health));
        Assert.Equal(0, Framework(login));
        Assert.True(health.Count + login.Count <= 2, string.Join('\n', health.Concat(login).Select(e => $"{e.Category}: {e.Message}")));
    }

    private static int Framework(IEnumerable<LogEntry> entries) =>
        entries.Count(e => s_framework.Any(prefix => e.Category.StartsWith(prefix, StringComparison.Ordinal)));

    /// <summary>The worker's records between sending the request and the host's line for it; null for an answer other than 200 unless <paramref name="requireOk"/>, which asserts it.</summary>
    private async Task<List<LogEntry>?> RecordsOfAsync(HttpMethod method, string path, object? body, bool requireOk)
    {
        var before = host.Logs.Entries.Count;
        var (status, answer) = await host.SendAsync(method, path, body: body);
        if (status != 200 && !requireOk)
        {
            return null;
        }

        Assert.True(status == 200, answer.ToString());
        List<LogEntry> entries = [];
        await Eventually.TrueAsync(
            () =>
            {
                entries = [.. host.Logs.Entries.Skip(before)];
                return entries.Any(e => e.Category == "GongTongDizao.DevHost.Http.RequestLogging");
            },
            TimeSpan.FromSeconds(30));
        return [.. entries.TakeWhile(e => e.Category != "GongTongDizao.DevHost.Http.RequestLogging").Where(e => e.Category.StartsWith("Worker.", StringComparison.Ordinal))];
    }
}
