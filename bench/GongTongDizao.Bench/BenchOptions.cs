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
            Value("--configuration") ?? "Release");
    }

    /// <summary>The DevHost build that the benchmarks start as a child process.</summary>
    public string DevHostDll => Path.Combine(RepoRoot, "functions", "GongTongDizao.DevHost", "bin", Configuration, "net10.0", "GongTongDizao.DevHost.dll");

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
