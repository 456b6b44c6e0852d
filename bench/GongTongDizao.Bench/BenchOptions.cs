namespace GongTongDizao.Bench;

/// <summary>The command line of one benchmark part.</summary>
internal sealed record BenchOptions(string Part, bool Quick, string? Out, string RepoRoot, string Configuration)
{
    public static BenchOptions Parse(string[] args)
    {
        ArgumentOutOfRangeException.ThrowIfZero(args.Length);
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchOptions(
            args[0],
            args.Contains("--quick"),
            Value("--out"),
            Value("--repo") ?? FindRepoRoot(),
            Value("--configuration") ?? "Release")
        {
            DevHostOverride = Value("--devhost"),
            Sizes = Value("--sizes"),
        };
    }

    /// <summary>A DevHost assembly built elsewhere (e.g. with --artifacts-path): --devhost &lt;path to GongTongDizao.DevHost.dll&gt;.</summary>
    public string? DevHostOverride { get; init; }

    /// <summary>Audience sizes for the fan-out part instead of its defaults: --sizes 500,2000.</summary>
    public string? Sizes { get; init; }

    /// <summary>The DevHost build that the benchmarks start as a child process.</summary>
    public string DevHostDll => DevHostOverride is { } dll ? Path.GetFullPath(dll) : Path.Combine(RepoRoot, "functions", "GongTongDizao.DevHost", "bin", Configuration, "net10.0", "GongTongDizao.DevHost.dll");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GongTongDizao.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("GongTongDizao.sln was not found above the benchmark; pass --repo.");
    }
}
