namespace GongTongDizao.WeChat;

/// <summary>A push this client has no type for; <see cref="RawJson"/> holds it (XML converted to JSON).</summary>
public sealed record UnknownPushEvent : WeChatPushEvent
{
    public required string RawJson { get; init; }
}
