namespace GongTongDizao.WeChat;

/// <summary><c>subscribe_msg_change_event</c>: the user changed a template's subscription in settings.</summary>
public sealed record SubscribeChangeEvent : WeChatPushEvent
{
    public IReadOnlyList<SubscribeChangeItem> Items { get; init; } = [];
}
