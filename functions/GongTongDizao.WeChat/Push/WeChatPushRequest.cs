namespace GongTongDizao.WeChat;

/// <summary>
/// What a push endpoint received: the query parameters WeChat signs with and the raw body.
/// </summary>
public sealed record WeChatPushRequest(string? Signature, string? Timestamp, string? Nonce, string Body)
{
    /// <summary><c>encrypt_type</c>; <c>aes</c> in safe and compatible mode.</summary>
    public string? EncryptType { get; init; }

    /// <summary><c>msg_signature</c>, the signature over the ciphertext.</summary>
    public string? MsgSignature { get; init; }

    /// <summary>Builds the request from a query-string lookup, e.g. <c>key =&gt; httpRequest.Query[key]</c>.</summary>
    public static WeChatPushRequest FromQuery(Func<string, string?> query, string body)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new WeChatPushRequest(query("signature"), query("timestamp"), query("nonce"), body ?? string.Empty)
        {
            EncryptType = query("encrypt_type"),
            MsgSignature = query("msg_signature"),
        };
    }
}
