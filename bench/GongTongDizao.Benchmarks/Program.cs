using BenchmarkDotNet.Running;
using GongTongDizao.Benchmarks;

// dotnet run -c Release --project bench/GongTongDizao.Benchmarks -- [--quick | --dry] [--out <file.md>]
// Runs every benchmark, prints BenchmarkDotNet's own report and writes the "## In-process" Markdown section to --out.
var mode = args.Contains("--quick") ? RunMode.Quick : args.Contains("--dry") ? RunMode.Dry : RunMode.Full;
var outFile = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
Type[] benchmarks = [typeof(TokenBenchmarks), typeof(ValidationBenchmarks), typeof(JsonBenchmarks), typeof(NotificationBenchmarks)];
var summary = BenchmarkRunner.Run(benchmarks, BenchmarkConfig.Create(mode)).Single();
var section = MarkdownSection.Write(summary, mode, benchmarks);
Console.WriteLine(section);
if (outFile is not null)
{
    await File.WriteAllTextAsync(outFile, section);
}

return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
