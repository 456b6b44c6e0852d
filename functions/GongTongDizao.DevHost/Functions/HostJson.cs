using System.Text.Json;

namespace GongTongDizao.DevHost.Functions;

/// <summary>The parts of host.json this host applies: the HTTP route prefix, logging levels and the function timeout.</summary>
public sealed record HostJson(string Path, string RoutePrefix, IReadOnlyDictionary<string, LogLevel> LogLevels, TimeSpan FunctionTimeout)
{
    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static HostJson Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FunctionMetadataException($"host.json was not found at '{path}'.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), s_options);
        var root = document.RootElement;
        var prefix = "api";
        if (Find(root, "extensions") is { } extensions && Find(extensions, "http") is { } http && Find(http, "routePrefix") is { ValueKind: JsonValueKind.String } routePrefix)
        {
            prefix = routePrefix.GetString()!.Trim('/');
        }

        var levels = new Dictionary<string, LogLevel>(StringComparer.OrdinalIgnoreCase);
        if (Find(root, "logging") is { } logging && Find(logging, "logLevel") is { ValueKind: JsonValueKind.Object } logLevel)
        {
            foreach (var entry in logLevel.EnumerateObject())
            {
                if (Enum.TryParse<LogLevel>(entry.Value.GetString(), ignoreCase: true, out var level))
                {
                    levels[entry.Name] = level;
                }
            }
        }

        // Flex Consumption's default is 30 minutes; host.json usually says less.
        var timeout = Find(root, "functionTimeout") is { ValueKind: JsonValueKind.String } t && TimeSpan.TryParse(t.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : TimeSpan.FromMinutes(30);
        return new HostJson(path, prefix, levels, timeout);
    }

    /// <summary>
    /// The level host.json sets for a category, by the Functions host's rule: the longest configured prefix of the
    /// category wins, then "default", then Information.
    /// </summary>
    public LogLevel LevelFor(string category)
    {
        var best = (Length: -1, Level: LogLevels.TryGetValue("default", out var fallback) ? fallback : LogLevel.Information);
        foreach (var (prefix, level) in LogLevels)
        {
            if (prefix.Length > best.Length && !string.Equals(prefix, "default", StringComparison.OrdinalIgnoreCase)
                && category.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (category.Length == prefix.Length || category[prefix.Length] == '.'))
            {
                best = (prefix.Length, level);
            }
        }

        return best.Level;
    }

    private static JsonElement? Find(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
