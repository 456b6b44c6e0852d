namespace GongTongDizao.WeChat;

/// <summary>
/// Data that claims to come from WeChat failed a check: decryption failed, a watermark names another AppID,
/// or a signature did not match. Never retry; treat the input as untrusted.
/// </summary>
public sealed class WeChatDataIntegrityException : Exception
{
    public WeChatDataIntegrityException()
        : this("WeChat data failed an integrity check.")
    {
    }

    public WeChatDataIntegrityException(string message)
        : base(message)
    {
    }

    public WeChatDataIntegrityException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
