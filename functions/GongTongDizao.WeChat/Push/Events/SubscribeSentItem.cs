namespace GongTongDizao.WeChat;

/// <summary>The delivery result of one message in a <see cref="SubscribeSentEvent"/>.</summary>
public sealed record SubscribeSentItem(string TemplateId, string? MsgId, int ErrorCode, string? ErrorStatus)
{
    public bool Delivered => ErrorCode == 0;
}
