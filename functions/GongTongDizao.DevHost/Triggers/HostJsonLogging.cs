using System.Text.Json;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>Applies host.json's <c>logging.logLevel</c> to the job host's own log lines, as the Functions host does.</summary>
internal static class HostJsonLogging
{
    public static void AddFilters(ILoggingBuilder logging, string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!document.RootElement.TryGetProperty("logging", out var section) || !section.TryGetProperty("logLevel", out var levels) || levels.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var entry in levels.EnumerateObject())
        {
            if (entry.Value.ValueKind == JsonValueKind.String && Enum.TryParse<LogLevel>(entry.Value.GetString(), ignoreCase: true, out var level))
            {
                logging.AddFilter(string.Equals(entry.Name, "default", StringComparison.OrdinalIgnoreCase) ? null : entry.Name, level);
            }
        }
    }
}
