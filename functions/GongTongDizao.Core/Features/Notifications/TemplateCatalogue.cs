using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Events;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>One keyword of a catalogue template: where its value comes from (an event field) or a fixed value.</summary>
public sealed record TemplateKeywordDefinition(string Name, string Label, string Type, string? Source, string? Value);

/// <summary>A template of miniprogram-contract/subscribe-templates.json.</summary>
public sealed record TemplateDefinition(string Key, string Title, string Page, IReadOnlyList<TemplateKeywordDefinition> Keywords);

/// <summary>
/// The subscribe-message template catalogue (embedded from miniprogram-contract/subscribe-templates.json): keys,
/// keyword names and types, value sources and pages. WeChat template ids are configuration
/// (<c>WeChat__Templates__&lt;key&gt;</c>) because they differ per mini-program.
/// </summary>
public sealed class TemplateCatalogue(IOptions<WeChatClientOptions> wechat)
{
    private static readonly Lazy<FrozenDictionary<string, TemplateDefinition>> s_definitions = new(Load);

    public static IReadOnlyDictionary<string, TemplateDefinition> Definitions => s_definitions.Value;

    public static bool IsKnown(string key) => s_definitions.Value.ContainsKey(key);

    /// <summary>The WeChat template id of this environment, or null when none is configured.</summary>
    public string? TemplateIdOf(string key) =>
        wechat.Value.Templates.TryGetValue(key, out var id) && !string.IsNullOrWhiteSpace(id) ? id : null;

    /// <summary>The catalogue key whose configured WeChat template id is <paramref name="templateId"/> (push events name ids).</summary>
    public string? KeyOf(string templateId) =>
        s_definitions.Value.Keys.FirstOrDefault(k => string.Equals(TemplateIdOf(k), templateId, StringComparison.Ordinal));

    /// <summary>The page with its placeholders (<c>{letterId}</c>…) filled from the event.</summary>
    public static string FillPage(string page, string entityType, string entityId, JsonObject data)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(data);
        var result = page.Replace("{" + entityType + "Id}", Uri.EscapeDataString(entityId), StringComparison.Ordinal);
        foreach (var (name, value) in data)
        {
            if (value is JsonValue scalar && scalar.TryGetValue<string>(out var text))
            {
                result = result.Replace("{" + name + "}", Uri.EscapeDataString(text), StringComparison.Ordinal);
            }
        }

        return result;
    }

    /// <summary>
    /// Builds the keyword values of one message. A missing or unsuitable event value falls back to a neutral one, so
    /// a notification is never lost for want of a keyword; user text is truncated by the WeChat library.
    /// </summary>
    public static SubscribeMessageData BuildData(TemplateDefinition definition, string templateId, NotificationContent content)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(content);
        var template = new SubscribeMessageTemplate(definition.Key, templateId, definition.Keywords.Select(k => SubscribeKeyword.FromName(k.Name)));
        var builder = template.CreateData();
        foreach (var keyword in definition.Keywords)
        {
            var value = keyword.Value ?? ValueOf(keyword, content);
            try
            {
                builder.Set(keyword.Name, value);
            }
            catch (SubscribeMessageDataException)
            {
                builder.Set(keyword.Name, Fallback(keyword, content));
            }
        }

        return builder.Build();
    }

    private static string? ValueOf(TemplateKeywordDefinition keyword, NotificationContent content)
    {
        var source = keyword.Source ?? string.Empty;
        if (keyword.Type is "time" or "date")
        {
            var at = source == "occurredAt" ? content.OccurredAt
                : DateTimeOffset.TryParse(Text(content.Data, source), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
                : content.OccurredAt;
            return keyword.Type == "time" ? ChinaTime.DateTimeText(at) : ChinaTime.DateText(at);
        }

        return source switch
        {
            "orgName" => Text(content.Data, source) ?? content.OrgName,
            "summary" => Text(content.Data, "summary") ?? Text(content.Data, "body"),
            _ => Text(content.Data, source),
        };
    }

    private static string Fallback(TemplateKeywordDefinition keyword, NotificationContent content) => keyword.Type switch
    {
        "phrase" => EventRoutes.DefaultPhrase(content.EventType),
        "number" => "0",
        "time" or "date" => ChinaTime.DateTimeText(content.OccurredAt),
        _ => "无",
    };

    private static string? Text(JsonObject data, string name) => data[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    private static FrozenDictionary<string, TemplateDefinition> Load()
    {
        using var stream = typeof(TemplateCatalogue).Assembly.GetManifestResourceStream("subscribe-templates.json")
            ?? throw new InvalidOperationException("subscribe-templates.json is not embedded in GongTongDizao.Core.");
        using var document = JsonDocument.Parse(stream);
        var result = new Dictionary<string, TemplateDefinition>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.Object))
        {
            var keywords = entry.Value.GetProperty("keywords").EnumerateArray().Select(k => new TemplateKeywordDefinition(
                k.GetProperty("name").GetString()!,
                k.GetProperty("label").GetString()!,
                k.GetProperty("type").GetString()!,
                k.TryGetProperty("source", out var source) ? source.GetString() : null,
                k.TryGetProperty("value", out var value) ? value.GetString() : null)).ToArray();
            result[entry.Name] = new TemplateDefinition(entry.Name, entry.Value.GetProperty("title").GetString()!, entry.Value.GetProperty("page").GetString()!, keywords);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>What a notification says, carried from the event to the inbox and the delivery.</summary>
public sealed record NotificationContent
{
    public required string EventType { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public string? OrgName { get; init; }

    public JsonObject Data { get; init; } = [];

    public static NotificationContent From(DomainEvent domainEvent, string? orgName)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        return new NotificationContent { EventType = domainEvent.Type, OccurredAt = domainEvent.OccurredAt, OrgName = orgName, Data = domainEvent.Data };
    }
}

/// <summary>
/// Locally (WeChat pointed at a loopback simulator) every catalogue template gets a stable made-up id unless one is
/// configured, so sends work against the simulator without settings; in Azure a missing id stays missing and such
/// deliveries are skipped with a warning.
/// </summary>
internal sealed class LocalTemplateIds : IPostConfigureOptions<WeChatClientOptions>
{
    public void PostConfigure(string? name, WeChatClientOptions options)
    {
        if (options.BaseAddress is not { IsLoopback: true })
        {
            return;
        }

        foreach (var key in TemplateCatalogue.Definitions.Keys)
        {
            if (!options.Templates.TryGetValue(key, out var id) || string.IsNullOrWhiteSpace(id))
            {
                options.Templates[key] = LocalId(key);
            }
        }
    }

    public static string LocalId(string key) => "local-" + key;
}
