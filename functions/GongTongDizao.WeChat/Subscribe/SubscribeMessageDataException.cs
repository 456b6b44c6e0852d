namespace GongTongDizao.WeChat;

/// <summary>A keyword value cannot be sent: missing, unknown keyword, or not in the keyword type's format.</summary>
public sealed class SubscribeMessageDataException : ArgumentException
{
    public SubscribeMessageDataException()
    {
    }

    public SubscribeMessageDataException(string message)
        : base(message)
    {
    }

    public SubscribeMessageDataException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SubscribeMessageDataException(string keyword, string message)
        : base($"Subscribe keyword '{keyword}': {message}")
    {
        Keyword = keyword;
    }

    /// <summary>The offending keyword, e.g. <c>thing1</c>.</summary>
    public string? Keyword { get; }
}
