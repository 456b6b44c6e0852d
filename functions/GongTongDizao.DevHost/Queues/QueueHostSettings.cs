using System.Globalization;
using System.Text.Json;

namespace GongTongDizao.DevHost.Queues;

/// <summary>The <c>extensions.queues</c> settings of host.json, with the Functions runtime's defaults.</summary>
public sealed record QueueHostSettings(
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int BatchSize,
    int MaxDequeueCount,
    string MessageEncoding)
{
    public static QueueHostSettings Defaults { get; } = new(TimeSpan.FromMinutes(1), TimeSpan.Zero, 16, 5, "base64");

    public static QueueHostSettings FromHostJson(string path)
    {
        if (!File.Exists(path))
        {
            return Defaults;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return Defaults;
        }

        return new QueueHostSettings(
            Span(queues, "maxPollingInterval") ?? Defaults.MaxPollingInterval,
            Span(queues, "visibilityTimeout") ?? Defaults.VisibilityTimeout,
            Int(queues, "batchSize") ?? Defaults.BatchSize,
            Int(queues, "maxDequeueCount") ?? Defaults.MaxDequeueCount,
            queues.TryGetProperty("messageEncoding", out var e) && e.GetString() is { } enc ? enc.ToLowerInvariant() : Defaults.MessageEncoding);
    }

    private static TimeSpan? Span(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && TimeSpan.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var span) ? span : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
