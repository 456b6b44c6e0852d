using System.Text.Json;

namespace GongTongDizao.Testing;

/// <summary>
/// Scans one host's captured lines and writes <c>&lt;results&gt;/logs/&lt;name&gt;-&lt;n&gt;.json</c> (line count and
/// masked findings) beside the log itself, masked, for CI debugging; tools/test-summary.mjs adds them up.
/// </summary>
public static class LogHygieneReport
{
    // A secret logged on every request would otherwise make a report as large as the log.
    private const int MaxSamples = 100;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the report into <paramref name="resultsFolder"/> (default: the run's) and returns its path.</summary>
    public static string Write(string name, string host, IReadOnlyCollection<string> lines, IEnumerable<LogSecret> secrets, string? resultsFolder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(lines);
        var scanner = new LogScanner(secrets);
        var findings = scanner.Scan(lines);
        var folder = Path.Combine(resultsFolder ?? CaseTally.ResultsFolder(), "logs");
        Directory.CreateDirectory(folder);
        var (report, stem) = CreateUnique(folder, string.Concat(name.Split(Path.GetInvalidFileNameChars())));
        using (report)
        {
            JsonSerializer.Serialize(report, new
            {
                host,
                lines = lines.Count,
                knownValues = scanner.KnownValues,
                findingCount = findings.Count,
                findings = findings.Take(MaxSamples),
            }, s_json);
        }

        File.WriteAllLines(stem + ".log", lines.Select(scanner.Mask));
        return stem + ".json";
    }

    /// <summary>The first free <c>name-n.json</c>: several test processes may write into the same folder.</summary>
    private static (FileStream Report, string Stem) CreateUnique(string folder, string name)
    {
        for (var n = 1; ; n++)
        {
            var stem = Path.Combine(folder, $"{name}-{n}");
            try
            {
                return (new FileStream(stem + ".json", FileMode.CreateNew, FileAccess.Write), stem);
            }
            catch (IOException) when (File.Exists(stem + ".json"))
            {
                // Taken by another host; try the next number.
            }
        }
    }
}
