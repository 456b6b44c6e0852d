namespace GongTongDizao.WeChat;

/// <summary><c>subscribe_msg_popup_event</c>: the user answered <c>wx.requestSubscribeMessage</c>; one item per template.</summary>
public sealed record SubscribePopupEvent : WeChatPushEvent
{
    public IReadOnlyList<SubscribePopupItem> Items { get; init; } = [];
}
