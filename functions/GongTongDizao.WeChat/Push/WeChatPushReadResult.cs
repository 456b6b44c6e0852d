namespace GongTongDizao.WeChat;

/// <summary>The verdict on one push and, when accepted, its parsed event.</summary>
public sealed record WeChatPushReadResult(WeChatPushStatus Status, WeChatPushEvent? Event, WeChatPushFormat? Format)
{
    public bool IsAccepted => Status == WeChatPushStatus.Accepted;

    /// <summary>The plaintext message (decrypted in safe mode), for auditing.</summary>
    public string? PlainText { get; init; }

    internal static WeChatPushReadResult Rejected(WeChatPushStatus status) => new(status, null, null);
}
