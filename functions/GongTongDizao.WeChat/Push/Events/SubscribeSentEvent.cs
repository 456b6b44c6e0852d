namespace GongTongDizao.WeChat;

/// <summary><c>subscribe_msg_sent_event</c>: the per-send delivery results.</summary>
public sealed record SubscribeSentEvent : WeChatPushEvent
{
    public IReadOnlyList<SubscribeSentItem> Items { get; init; } = [];
}
