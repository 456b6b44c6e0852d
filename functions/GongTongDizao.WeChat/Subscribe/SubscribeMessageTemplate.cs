namespace GongTongDizao.WeChat;

/// <summary>
/// A subscribe-message template: our stable <see cref="Key"/>, this environment's WeChat
/// <see cref="TemplateId"/>, the default page it opens and its keywords.
/// </summary>
public sealed class SubscribeMessageTemplate
{
    public SubscribeMessageTemplate(string key, string templateId, IEnumerable<SubscribeKeyword> keywords, string? page = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(templateId);
        ArgumentNullException.ThrowIfNull(keywords);
        Key = key;
        TemplateId = templateId;
        Page = page;
        Keywords = keywords.ToDictionary(k => k.Name, StringComparer.Ordinal);
        if (Keywords.Count == 0)
        {
            throw new ArgumentException("A template has at least one keyword.", nameof(keywords));
        }
    }

    /// <summary>Our name for the template, e.g. <c>letterReplied</c>; the key under <c>WeChat:Templates</c>.</summary>
    public string Key { get; }

    /// <summary>The WeChat template id of this environment.</summary>
    public string TemplateId { get; }

    /// <summary>The mini-program page the message opens (a released page, query allowed).</summary>
    public string? Page { get; }

    public IReadOnlyDictionary<string, SubscribeKeyword> Keywords { get; }

    /// <summary>
    /// Defines a template whose id comes from configuration (<c>WeChat__Templates__{key}</c>) and whose
    /// keyword types follow from their names (<c>thing1</c>, <c>time2</c>, ...).
    /// </summary>
    public static SubscribeMessageTemplate FromOptions(WeChatClientOptions options, string key, IEnumerable<string> keywordNames, string? page = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keywordNames);
        if (!options.Templates.TryGetValue(key, out var templateId) || string.IsNullOrWhiteSpace(templateId))
        {
            throw new InvalidOperationException($"No WeChat template id is configured for '{key}' (app setting WeChat__Templates__{key}).");
        }

        return new SubscribeMessageTemplate(key, templateId, keywordNames.Select(SubscribeKeyword.FromName), page);
    }

    /// <summary>Starts the data of one message.</summary>
    public SubscribeMessageDataBuilder CreateData() => new(this);
}
