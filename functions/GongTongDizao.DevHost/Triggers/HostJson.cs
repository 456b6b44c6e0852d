using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.WebJobs.Host;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Feeds host.json to the WebJobs SDK the way the Functions host does: its content under the
/// <c>AzureFunctionsJobHost</c> section, named as the SDK's configuration root by <c>AzureWebJobsConfigurationSection</c>,
/// so the extensions read <c>AzureFunctionsJobHost:extensions:queues</c>; <c>logging.logLevel</c> becomes log filters and
/// <c>functionTimeout</c> the invocation timeout.
/// </summary>
internal static class HostJson
{
    public const string RootSection = "AzureFunctionsJobHost";

    public static Dictionary<string, string?> ToConfiguration(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["AzureWebJobsConfigurationSection"] = RootSection };
        if (Load(path) is { } document)
        {
            using (document)
            {
                Flatten(document.RootElement, RootSection, values);
            }
        }

        return values;
    }

    public static void AddLogFilters(ILoggingBuilder logging, string path)
    {
        using var document = Load(path);
        if (document is null || !document.RootElement.TryGetProperty("logging", out var section) || !section.TryGetProperty("logLevel", out var levels) || levels.ValueKind != JsonValueKind.Object)
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

    /// <summary>
    /// host.json's functionTimeout: when it passes, the invocation's cancellation token is signalled (the invoker
    /// cancels the worker's invocation). "-1" or no value: no timeout.
    /// </summary>
    public static void ConfigureTimeout(JobHostFunctionTimeoutOptions options, string path)
    {
        using var document = Load(path);
        if (document is not null && document.RootElement.TryGetProperty("functionTimeout", out var value) && value.ValueKind == JsonValueKind.String
            && TimeSpan.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero)
        {
            options.Timeout = timeout;
            options.ThrowOnTimeout = false;
            options.TimeoutWhileDebugging = true;
        }
    }

    private static JsonDocument? Load(string path) =>
        File.Exists(path)
            ? JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
            : null;

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{prefix}:{property.Name}", values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}", values);
                }

                break;
            case JsonValueKind.String:
                values[prefix] = element.GetString();
                break;
            case JsonValueKind.Null:
                values[prefix] = null;
                break;
            default:
                values[prefix] = element.GetRawText();
                break;
        }
    }
}
