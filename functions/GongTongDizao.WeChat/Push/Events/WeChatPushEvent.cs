namespace GongTongDizao.WeChat;

/// <summary>A parsed push message: the fields every push has, and a key to deduplicate WeChat's retries.</summary>
public abstract record WeChatPushEvent
{
    /// <summary>The mini-program's original id (<c>gh_...</c>).</summary>
    public string ToUserName { get; init; } = string.Empty;

    /// <summary>The user's openid; for <c>wxa_media_check</c> the platform's push account instead.</summary>
    public string FromUserName { get; init; } = string.Empty;

    public DateTimeOffset CreateTime { get; init; }

    public string MsgType { get; init; } = string.Empty;

    /// <summary>The <c>Event</c> field, e.g. <c>wxa_media_check</c>.</summary>
    public string? EventName { get; init; }

    public string? MsgId { get; init; }

    /// <summary>
    /// WeChat retries a push up to 3 times; this names the push so repeats can be skipped: <c>media:{trace_id}</c> for
    /// media-check verdicts, <c>sent:{MsgID,...}</c> for sent events, <c>msg:{MsgId}</c> when present, else
    /// <c>evt:{FromUserName}:{CreateTime}:{Event}</c> (user events only). Store it and skip repeats.
    /// </summary>
    public string DedupeKey { get; init; } = string.Empty;
}
