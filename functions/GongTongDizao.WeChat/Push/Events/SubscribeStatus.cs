namespace GongTongDizao.WeChat;

/// <summary>A user's decision on a subscribe template (<c>SubscribeStatusString</c>).</summary>
public enum SubscribeStatus
{
    Unknown,

    /// <summary>Accepted: one more one-time send (or a long-term subscription).</summary>
    Accept,

    /// <summary>Rejected, or turned off in settings: no sends until accepted again.</summary>
    Reject,
}
