namespace GongTongDizao.WeChat;

/// <summary>A parsed push message: the fields every push has, and a key to deduplicate WeChat's retries.</summary>
public abstract record WeChatPushEvent
{
    /// <summary>The mini-program's original id (<c>gh_...</c>).</summary>
    public string ToUserName { get; init; } = string.Empty;

    /// <summary>The user's openid.</summary>
    public string FromUserName { get; init; } = string.Empty;

    public DateTimeOffset CreateTime { get; init; }

    public string MsgType { get; init; } = string.Empty;

    /// <summary>The <c>Event</c> field, e.g. <c>wxa_media_check</c>.</summary>
    public string? EventName { get; init; }

    public string? MsgId { get; init; }

    /// <summary>
    /// WeChat retries a push up to 3 times: <c>msg:{MsgId}</c>, or for events without MsgId
    /// <c>evt:{FromUserName}:{CreateTime}:{Event}</c>. Store it and skip repeats.
    /// </summary>
    public string DedupeKey { get; init; } = string.Empty;
}
