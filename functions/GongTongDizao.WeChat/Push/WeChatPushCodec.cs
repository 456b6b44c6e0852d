using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat;

/// <summary>
/// Verifies, decrypts and parses WeChat message pushes (doc "消息推送"), and encrypts replies.
/// <list type="bullet">
/// <item>GET verification: <see cref="VerifyEndpoint"/> returns the raw <c>echostr</c> to answer as text/plain.</item>
/// <item>POST: <see cref="Read"/> checks <c>signature</c> and the timestamp window, in safe mode also
/// <c>msg_signature</c>, decrypts and checks the AppID, then parses JSON or XML into a typed event.</item>
/// </list>
/// A push endpoint answers "success" for an accepted push within 5 s and processes it asynchronously,
/// deduplicating by <see cref="WeChatPushEvent.DedupeKey"/> (WeChat retries 3 times).
/// </summary>
public class WeChatPushCodec
{
    private readonly WeChatClientOptions _options = null!;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly ILogger<WeChatPushCodec> _logger = null!;
    private readonly WeChatPushCrypto? _crypto;

    public WeChatPushCodec(IOptions<WeChatClientOptions> options, TimeProvider timeProvider, ILogger<WeChatPushCodec> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        if (!string.IsNullOrEmpty(_options.EncodingAesKey))
        {
            _crypto = new WeChatPushCrypto(_options.EncodingAesKey);
        }
    }

    /// <summary>For mocking.</summary>
    protected WeChatPushCodec()
    {
    }

    /// <summary>
    /// Handles the console's GET verification: returns <paramref name="echostr"/> unchanged when the signature
    /// is ours and the timestamp is current, else null (answer 401). Return it as text/plain, not JSON.
    /// </summary>
    public virtual string? VerifyEndpoint(string? signature, string? timestamp, string? nonce, string? echostr)
    {
        if (echostr is null || CheckSignatureAndTime(signature, timestamp, nonce) is not null)
        {
            _logger.LogWarning("Rejected a WeChat push verification request");
            return null;
        }

        return echostr;
    }

    /// <summary>Authenticates and parses one push.</summary>
    public virtual WeChatPushReadResult Read(WeChatPushRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = ReadCore(request);
        if (result.IsAccepted)
        {
            // Not the dedupe key: it holds the sender's openid, which never goes to the log.
            _logger.LogInformation("Accepted WeChat push {EventName}", result.Event!.EventName ?? result.Event.MsgType);
        }
        else
        {
            _logger.LogWarning("Rejected a WeChat push: {Status}", result.Status);
        }

        return result;
    }

    /// <summary>Encrypts <paramref name="message"/> for our AppID (the <c>Encrypt</c> field), with a fresh random prefix.</summary>
    public virtual string Encrypt(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return EncryptWithPrefix(message, random);
    }

    /// <summary>
    /// Decrypts an <c>Encrypt</c> value and checks that it was encrypted for our AppID.
    /// </summary>
    /// <exception cref="WeChatDataIntegrityException">It does not decrypt, or names another AppID.</exception>
    public virtual string Decrypt(string encrypted)
    {
        var crypto = _crypto ?? throw new InvalidOperationException("WeChat:EncodingAesKey is not configured.");
        (string Message, string AppId) plain;
        try
        {
            plain = crypto.Decrypt(encrypted);
        }
        catch (CryptographicException ex)
        {
            throw new WeChatDataIntegrityException("The push does not decrypt with our EncodingAESKey.", ex);
        }

        return string.Equals(plain.AppId, _options.AppId, StringComparison.Ordinal)
            ? plain.Message
            : throw new WeChatDataIntegrityException("The push was encrypted for another AppID.");
    }

    /// <summary>
    /// Builds an encrypted passive reply envelope (<c>Encrypt</c>, <c>MsgSignature</c>, <c>TimeStamp</c>, <c>Nonce</c>).
    /// </summary>
    public virtual string CreateEncryptedReply(string message, WeChatPushFormat format)
    {
        var encrypted = Encrypt(message);
        var timestamp = _timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = WeChatPushSignature.Compute(_options.Token, timestamp, nonce, encrypted);
        if (format == WeChatPushFormat.Xml)
        {
            return new XElement("xml",
                new XElement("Encrypt", new XCData(encrypted)),
                new XElement("MsgSignature", new XCData(signature)),
                new XElement("TimeStamp", timestamp),
                new XElement("Nonce", new XCData(nonce))).ToString(SaveOptions.DisableFormatting);
        }

        var envelope = new JsonObject
        {
            ["Encrypt"] = encrypted,
            ["MsgSignature"] = signature,
            ["TimeStamp"] = long.Parse(timestamp, CultureInfo.InvariantCulture),
            ["Nonce"] = nonce,
        };
        return envelope.ToJsonString();
    }

    /// <summary>Encryption with a chosen random prefix, so tests can check a known vector.</summary>
    internal string EncryptWithPrefix(string message, ReadOnlySpan<byte> randomPrefix)
    {
        var crypto = _crypto ?? throw new InvalidOperationException("WeChat:EncodingAesKey is not configured.");
        return crypto.Encrypt(message, _options.AppId, randomPrefix);
    }

    private WeChatPushReadResult ReadCore(WeChatPushRequest request)
    {
        if (CheckSignatureAndTime(request.Signature, request.Timestamp, request.Nonce) is { } failure)
        {
            return WeChatPushReadResult.Rejected(failure);
        }

        if (!PushBodyReader.TryRead(request.Body, out var format, out var envelope))
        {
            return WeChatPushReadResult.Rejected(WeChatPushStatus.MalformedBody);
        }

        var encrypted = string.Equals(request.EncryptType, "aes", StringComparison.OrdinalIgnoreCase);
        if (!encrypted)
        {
            // In safe mode an unencrypted body can only be a forgery or a console mismatch.
            if (_options.PushMode == WeChatPushMode.Safe)
            {
                return WeChatPushReadResult.Rejected(WeChatPushStatus.EncryptionRequired);
            }

            return Accept(envelope, format, request.Body);
        }

        if (_crypto is null)
        {
            return WeChatPushReadResult.Rejected(WeChatPushStatus.EncryptionNotConfigured);
        }

        var cipher = WeChatJson.GetString(envelope, "Encrypt");
        if (string.IsNullOrEmpty(cipher))
        {
            return WeChatPushReadResult.Rejected(WeChatPushStatus.MalformedBody);
        }

        if (!WeChatPushSignature.Matches(request.MsgSignature, _options.Token, request.Timestamp!, request.Nonce!, cipher))
        {
            return WeChatPushReadResult.Rejected(WeChatPushStatus.InvalidMessageSignature);
        }

        (string Message, string AppId) plain;
        try
        {
            plain = _crypto.Decrypt(cipher);
        }
        catch (CryptographicException)
        {
            return WeChatPushReadResult.Rejected(WeChatPushStatus.DecryptionFailed);
        }

        if (!string.Equals(plain.AppId, _options.AppId, StringComparison.Ordinal))
        {
            return WeChatPushReadResult.Rejected(WeChatPushStatus.AppIdMismatch);
        }

        return PushBodyReader.TryRead(plain.Message, out var innerFormat, out var inner)
            ? Accept(inner, innerFormat, plain.Message)
            : WeChatPushReadResult.Rejected(WeChatPushStatus.MalformedBody);
    }

    private static WeChatPushReadResult Accept(JsonElement root, WeChatPushFormat format, string plainText)
    {
        if (root.ValueKind != JsonValueKind.Object || WeChatJson.GetString(root, "MsgType") is null)
        {
            return WeChatPushReadResult.Rejected(WeChatPushStatus.MalformedBody);
        }

        return new WeChatPushReadResult(WeChatPushStatus.Accepted, PushEventParser.Parse(root), format) { PlainText = plainText };
    }

    private WeChatPushStatus? CheckSignatureAndTime(string? signature, string? timestamp, string? nonce)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(nonce)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WeChatPushStatus.MissingParameters;
        }

        if (!WeChatPushSignature.Matches(signature, _options.Token, timestamp, nonce))
        {
            return WeChatPushStatus.InvalidSignature;
        }

        var age = _timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
        return age.Duration() > _options.PushTimestampTolerance ? WeChatPushStatus.StaleTimestamp : null;
    }
}
