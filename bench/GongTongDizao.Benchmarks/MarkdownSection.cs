using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace GongTongDizao.Benchmarks;

/// <summary>The "## In-process" section of docs/performance.md, built from BenchmarkDotNet's summary objects.</summary>
internal static class MarkdownSection
{
    public static string Write(Summary summary, RunMode mode, Type[] order)
    {
        var text = new StringBuilder();
        text.AppendLine("## In-process");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"BenchmarkDotNet with the memory diagnoser ({(mode == RunMode.Full ? "default job" : mode == RunMode.Quick ? "quick job: in-process, 3 warm-up and 8 measured iterations of 150 ms" : "dry job: one iteration, not a measurement")}); letter document {JsonBenchmarks.DocumentBytes:N0} bytes of UTF-8 JSON.");
        text.AppendLine();
        text.AppendLine("| Benchmark | Mean | Error | Allocated/op |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var report in summary.Reports.OrderBy(r => Array.IndexOf(order, r.BenchmarkCase.Descriptor.Type)).ThenBy(r => r.BenchmarkCase.Descriptor.WorkloadMethod.MetadataToken))
        {
            // BenchmarkDotNet quotes a description that has spaces; the table needs no quotes.
            var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            if (!report.Success || report.ResultStatistics is not { } statistics)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | failed | | |");
                continue;
            }

            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Time(statistics.Mean)} | {Time(statistics.ConfidenceInterval.Margin)} | {Bytes(allocated)} |");
        }

        text.AppendLine();
        var environment = summary.HostEnvironmentInfo.ToFormattedString().Concat(summary.AllRuntimes.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0);
        text.AppendLine(CultureInfo.InvariantCulture, $"Environment: {string.Join("; ", environment)}.");
        return text.ToString();
    }

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        // One iteration (the dry job) has no confidence interval.
        double.NaN => "n/a",
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:N1} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000:N2} μs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000:N2} ms"),
    };

    private static string Bytes(long? bytes) => bytes switch
    {
        null => "n/a",
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N1} KB"),
    };
}
