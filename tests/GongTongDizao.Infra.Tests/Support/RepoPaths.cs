using System.Reflection;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>Where the repository and the Bicep CLI are (assembly metadata written by the csproj at build).</summary>
internal static class RepoPaths
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Infra { get; } = Path.Combine(RepoRoot, "infra");

    /// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package; BICEP_PATH overrides it.</summary>
    public static string Bicep { get; } =
        Environment.GetEnvironmentVariable("BICEP_PATH") is { Length: > 0 } overridden ? overridden : Metadata("BicepPath");

    private static string Metadata(string key) =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see the Infra.Tests csproj.");
}
