namespace GongTongDizao.WeChat;

/// <summary>One subscribe message to send (<c>POST /cgi-bin/message/subscribe/send</c>).</summary>
public sealed record SubscribeMessage(string ToOpenId, string TemplateId, SubscribeMessageData Data)
{
    /// <summary>The page it opens, with query (e.g. <c>pages/letters/detail?id=123</c>); must be released.</summary>
    public string? Page { get; init; }

    /// <summary>Overrides <see cref="WeChatClientOptions.MiniProgramState"/> for this message.</summary>
    public WeChatMiniProgramState? MiniProgramState { get; init; }

    public string Lang { get; init; } = "zh_CN";

    /// <summary>A message of <paramref name="template"/>; <paramref name="pageQuery"/> is appended to the template's page.</summary>
    public static SubscribeMessage Create(SubscribeMessageTemplate template, string toOpenId, SubscribeMessageData data, string? pageQuery = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var page = template.Page;
        if (page is not null && !string.IsNullOrEmpty(pageQuery))
        {
            page += (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + pageQuery.TrimStart('?', '&');
        }

        return new SubscribeMessage(toOpenId, template.TemplateId, data) { Page = page };
    }
}
