using System.Globalization;
using System.Text;

namespace GongTongDizao.Bench;

/// <summary>
/// Part 1 of ./bench.sh: requests/s, p50 and p99 of the resident endpoints through the local Functions host and the real worker at concurrency 1, 16
/// and 64, beside the raw Cosmos SDK point read, single-partition query and create against the same emulator in the same run. The
/// targets are ratios to that baseline because the machine is shared and its absolute speed varies.
/// </summary>
internal static class ApiOverhead
{
    private static readonly int[] s_concurrency = [1, 16, 64];


    public static async Task<string> RunAsync(BenchOptions options)
    {
        var duration = TimeSpan.FromSeconds(options.Quick ? 2 : 10);
        // The highest daily letter limit and seconding threshold the options allow: the loops repeat what one resident does once.
        await using var devHost = await DevHostProcess.StartAsync(options, "--Letters:DailyLimit=100", "--Topics:SecondThreshold=10000", "--DevHost:TimerInterval=01:00:00");
        using var http = devHost.CreateClient();
        var api = new ApiSession(http);
        // Every second is a new (resident, topic) pair, and a pair is used once: the pool must outlast three cells at
        // a thousand seconds a second (with kept-alive store connections it ran out before concurrency 64 at 96 × 12).
        var world = await ApiWorld.CreateAsync(api, residents: options.Quick ? 96 : 200, topics: options.Quick ? 80 : 200);
        using var raw = await RawCosmos.CreateAsync();

        var rows = new List<Row>();
        foreach (var concurrency in s_concurrency)
        {
            Console.Error.WriteLine($"concurrency {concurrency}…");
            var rawRead = await LoadRun.MeasureAsync(concurrency, duration, _ => raw.PointReadAsync());
            var rawQuery = await LoadRun.MeasureAsync(concurrency, duration, _ => raw.QueryPageAsync());
            var rawCreate = await LoadRun.MeasureAsync(concurrency, duration, raw.CreateAsync);
            rows.Add(new Row("Cosmos SDK point read (baseline)", Kind.Baseline, rawRead, null, null));
            rows.Add(new Row($"Cosmos SDK single-partition query, a page of {RawCosmos.ListSize} (baseline)", Kind.Baseline, rawQuery, null, null));
            rows.Add(new Row("Cosmos SDK create (baseline)", Kind.Baseline, rawCreate, null, null));

            // The host-and-worker path on its own: routing, the gRPC invocation and the forward, with no store call.
            var path = await LoadRun.MeasureAsync(concurrency, duration, async _ =>
            {
                using var response = await http.GetAsync(new Uri("api/me", UriKind.Relative));
                return response.StatusCode == System.Net.HttpStatusCode.Unauthorized;
            });
            rows.Add(new Row("Host and worker path: GET /api/me without a token (401, no store call)", Kind.Path, path, path.P50Ms / rawRead.P50Ms, null));
            foreach (var endpoint in world.Endpoints())
            {
                var figures = await LoadRun.MeasureAsync(concurrency, duration, endpoint.Call);
                var baseline = endpoint.Kind switch { Kind.Read => rawRead, Kind.List => rawQuery, _ => rawCreate };
                rows.Add(new Row(endpoint.Name, endpoint.Kind, figures, figures.P50Ms / baseline.P50Ms, endpoint.Target));
            }
        }

        return Render(rows, duration);
    }

    private static string Render(List<Row> rows, TimeSpan duration)
    {
        var text = new StringBuilder();
        text.AppendLine("## API overhead");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Closed loop, {duration.TotalSeconds:0} s per cell after a warm-up; the ratio is p50 ÷ p50 of the baseline at the same concurrency: a read of one item ÷ the point read, a list ÷ the single-partition query, a write ÷ the create; the target of each endpoint is issue #23's (column \"target\").");
        text.AppendLine();
        text.AppendLine("| endpoint | kind | concurrency | requests | failures | req/s | p50 ms | p99 ms | p50 ratio | target | target met |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows.OrderBy(r => (int)r.Kind).ThenBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Figures.Concurrency))
        {
            var f = row.Figures;
            var met = row.Ratio is { } r && row.Target is { } target ? (r <= target ? "yes" : "**no**") : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Kind.ToString().ToLowerInvariant()} | {f.Concurrency} | {f.Requests} | {f.Failures} | {f.RequestsPerSecond:0} | {f.P50Ms:0.00} | {f.P99Ms:0.00} | {(row.Ratio is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "")} | {(row.Target is { } t ? "≤ " + t.ToString("0.0", CultureInfo.InvariantCulture) : "")} | {met} |");
        }

        return text.ToString();
    }

    private sealed record Row(string Name, Kind Kind, LoadFigures Figures, double? Ratio, double? Target);
}

internal enum Kind
{
    Baseline,
    Path,
    Read,
    List,
    Write,
}
