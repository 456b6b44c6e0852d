using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat;

/// <summary>
/// Open data from the mini-program (doc "开放数据校验与解密"): decrypts <c>encryptedData</c>
/// (AES-128-CBC, PKCS#7, key = session_key, IV = iv) and checks <c>watermark.appid</c>, and checks the
/// <c>rawData</c> signature (sha1(rawData + session_key)).
/// </summary>
public class WeChatOpenDataCrypto
{
    private readonly string _appId = string.Empty;

    public WeChatOpenDataCrypto(IOptions<WeChatClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _appId = options.Value.AppId;
    }

    /// <summary>For mocking.</summary>
    protected WeChatOpenDataCrypto()
    {
    }

    /// <summary>Decrypts <paramref name="encryptedData"/> and checks that its watermark names our AppID.</summary>
    /// <exception cref="WeChatDataIntegrityException">Bad input, a stale session_key, or another AppID's data.</exception>
    public virtual DecryptedOpenData Decrypt(string encryptedData, string iv, string sessionKey)
    {
        var key = FromBase64(sessionKey, "session_key");
        var vector = FromBase64(iv, "iv");
        var cipher = FromBase64(encryptedData, "encryptedData");
        if (key.Length != 16 || vector.Length != 16 || cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new WeChatDataIntegrityException("encryptedData, iv or session_key has the wrong length.");
        }

        byte[] plain;
        try
        {
            using var aes = Aes.Create();
            aes.Key = key;
            plain = aes.DecryptCbc(cipher, vector, PaddingMode.PKCS7);
        }
        catch (CryptographicException ex)
        {
            // The usual cause: wx.login on the client rotated session_key after this one was stored.
            throw new WeChatDataIntegrityException("encryptedData could not be decrypted; the session_key is probably stale (a later wx.login rotates it).", ex);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(plain);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new WeChatDataIntegrityException("encryptedData did not decrypt to JSON.", ex);
        }

        var watermarkAppId = WeChatJson.TryGet(root, "watermark", out var watermark) ? WeChatJson.GetString(watermark, "appid") : null;
        if (!string.Equals(watermarkAppId, _appId, StringComparison.Ordinal))
        {
            throw new WeChatDataIntegrityException("The watermark of encryptedData names another AppID.");
        }

        var timestamp = WeChatJson.GetInt64(watermark, "timestamp");
        return new DecryptedOpenData(root, watermarkAppId!, timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
    }

    /// <summary>Whether <paramref name="signature"/> equals sha1(rawData + session_key) in hex.</summary>
    public virtual bool VerifyRawDataSignature(string rawData, string signature, string sessionKey)
    {
        ArgumentNullException.ThrowIfNull(rawData);
        ArgumentNullException.ThrowIfNull(sessionKey);
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        byte[] actual;
        try
        {
            actual = Convert.FromHexString(signature.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Sha1(rawData + sessionKey), actual);
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "WeChat defines the rawData signature as SHA-1.")]
    internal static byte[] Sha1(string value) => SHA1.HashData(Encoding.UTF8.GetBytes(value));

    private static byte[] FromBase64(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new WeChatDataIntegrityException($"{name} is missing.");
        }

        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException ex)
        {
            throw new WeChatDataIntegrityException($"{name} is not base64.", ex);
        }
    }
}
