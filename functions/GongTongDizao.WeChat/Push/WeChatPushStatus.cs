namespace GongTongDizao.WeChat;

/// <summary>Why a push was accepted or rejected. Anything but <see cref="Accepted"/> must not be acted on.</summary>
public enum WeChatPushStatus
{
    /// <summary>Authentic and parsed; answer "success" and process it asynchronously.</summary>
    Accepted,

    /// <summary>signature, timestamp or nonce is missing or malformed (answer 400).</summary>
    MissingParameters,

    /// <summary><c>signature</c> does not match the token (answer 401).</summary>
    InvalidSignature,

    /// <summary>The timestamp is further from now than the tolerance: a replay or a wrong clock (answer 401).</summary>
    StaleTimestamp,

    /// <summary>Safe mode is configured but the push is not encrypted (answer 401).</summary>
    EncryptionRequired,

    /// <summary>The push is encrypted but no EncodingAESKey is configured (answer 500: a configuration error).</summary>
    EncryptionNotConfigured,

    /// <summary><c>msg_signature</c> does not match the encrypted body (answer 401).</summary>
    InvalidMessageSignature,

    /// <summary>The ciphertext does not decrypt with our key (answer 401).</summary>
    DecryptionFailed,

    /// <summary>The decrypted message names another AppID (answer 401).</summary>
    AppIdMismatch,

    /// <summary>The body is neither JSON nor XML of the expected shape (answer 400).</summary>
    MalformedBody,
}
