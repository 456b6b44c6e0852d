using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace GongTongDizao.Benchmarks;

internal enum RunMode
{
    /// <summary>BenchmarkDotNet's default job, each benchmark in its own generated process.</summary>
    Full,

    /// <summary>A short job run in this process: no generated project to build, so it fits in a minute or two.</summary>
    Quick,

    /// <summary>One iteration in a generated process: checks the out-of-process toolchain builds, measures nothing.</summary>
    Dry,
}

internal static class BenchmarkConfig
{
    /// <summary>Logs and results outside the repository (the generated runner itself is built next to this assembly).</summary>
    public static string ArtifactsPath { get; } = Path.Combine(Path.GetTempPath(), "gongtongdizao-benchmarks");

    public static IConfig Create(RunMode mode)
    {
        var job = mode switch
        {
            RunMode.Quick => Job.Default
                .WithId("Quick")
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(8)
                .WithIterationTime(TimeInterval.FromMilliseconds(150)),
            RunMode.Dry => Job.Dry,
            _ => Job.Default,
        };
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .WithArtifactsPath(ArtifactsPath)
            // The generated runner and Core are built from scratch without the shared compiler; on a busy 2-core
            // machine that takes longer than BenchmarkDotNet's default 2 minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(10))
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
    }
}
