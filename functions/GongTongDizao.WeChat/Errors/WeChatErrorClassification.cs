namespace GongTongDizao.WeChat;

/// <summary>What a caller should do about a failed WeChat call.</summary>
public enum WeChatErrorClassification
{
    /// <summary>Transient (errcode -1 "system busy", HTTP 5xx): retrying now is reasonable.</summary>
    RetryNow,

    /// <summary>A rate or quota limit (45009, 45011, ...): retry after the window passes, e.g. via a delayed queue message.</summary>
    RetryLater,

    /// <summary>The access token was rejected (40001, 42001, 40014): drop it, fetch a new one and retry once.</summary>
    RefreshTokenAndRetryOnce,

    /// <summary>Retrying cannot help (bad code, bad secret, bad data, refused by the user, ...).</summary>
    Permanent,
}
