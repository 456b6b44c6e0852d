using System.Text.Json;

namespace GongTongDizao.Testing;

/// <summary>
/// How many cases a generated suite tried and how many failed, written to <c>TestResults/cases/&lt;suite&gt;.json</c>
/// so that ./test.sh can print them beside its closing line (tools/test-summary.mjs).
/// </summary>
public static class CaseTally
{
    public static void Record(string suite, int tried, int failed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(suite);
        var folder = Path.Combine(ResultsFolder(), "cases");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, string.Concat(suite.Split(Path.GetInvalidFileNameChars())) + ".json");
        File.WriteAllText(file, JsonSerializer.Serialize(new { suite, tried, failed }));
    }

    /// <summary>The run's results folder: GTD_TEST_RESULTS when ./test.sh sets it, else TestResults at the repo root.</summary>
    public static string ResultsFolder()
    {
        var configured = Environment.GetEnvironmentVariable("GTD_TEST_RESULTS");
        return string.IsNullOrEmpty(configured) ? Path.Combine(Path.GetDirectoryName(RepoFolders.Find("GongTongDizao.sln"))!, "TestResults") : configured;
    }
}
