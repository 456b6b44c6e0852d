using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.WeChat;

/// <summary>
/// Safe-mode push encryption: AES-256-CBC, key = base64(EncodingAESKey + "="), IV = first 16 key bytes,
/// plaintext = 16 random bytes ‖ 4-byte big-endian length ‖ message ‖ AppID, PKCS#7-padded to a multiple of
/// 32 bytes. .NET's PKCS7 mode only accepts padding up to the 16-byte block size, so padding is done by hand
/// with <see cref="PaddingMode.None"/>.
/// </summary>
internal sealed class WeChatPushCrypto
{
    private const int PadBlock = 32;
    private const int RandomLength = 16;
    private readonly byte[] _key;

    public WeChatPushCrypto(string encodingAesKey)
    {
        _key = Convert.FromBase64String(encodingAesKey + "=");
        if (_key.Length != 32)
        {
            throw new ArgumentException("EncodingAESKey must decode to 32 bytes.", nameof(encodingAesKey));
        }
    }

    public string Encrypt(string message, string appId, ReadOnlySpan<byte> randomPrefix)
    {
        if (randomPrefix.Length != RandomLength)
        {
            throw new ArgumentException("The random prefix is 16 bytes.", nameof(randomPrefix));
        }

        var messageBytes = Encoding.UTF8.GetBytes(message);
        var appIdBytes = Encoding.UTF8.GetBytes(appId);
        var length = RandomLength + 4 + messageBytes.Length + appIdBytes.Length;
        var pad = PadBlock - (length % PadBlock); // 1..32: a full block of padding when already aligned
        var plain = new byte[length + pad];
        randomPrefix.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength), messageBytes.Length);
        messageBytes.CopyTo(plain, RandomLength + 4);
        appIdBytes.CopyTo(plain, RandomLength + 4 + messageBytes.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>Returns the message and the AppID it was encrypted for.</summary>
    /// <exception cref="CryptographicException">Not base64, wrong length, bad padding or bad length prefix.</exception>
    public (string Message, string AppId) Decrypt(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("Encrypt is not base64.", ex);
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new CryptographicException("Encrypt is not a whole number of AES blocks.");
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);

        var pad = plain[^1];
        if (pad is < 1 or > PadBlock || pad > plain.Length || plain.AsSpan(plain.Length - pad).IndexOfAnyExcept(pad) >= 0)
        {
            throw new CryptographicException("Invalid padding.");
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < RandomLength + 4)
        {
            throw new CryptographicException("Decrypted message is too short.");
        }

        var messageLength = BinaryPrimitives.ReadInt32BigEndian(content[RandomLength..]);
        if (messageLength < 0 || messageLength > content.Length - RandomLength - 4)
        {
            throw new CryptographicException("Invalid message length.");
        }

        var message = Encoding.UTF8.GetString(content.Slice(RandomLength + 4, messageLength));
        var appId = Encoding.UTF8.GetString(content[(RandomLength + 4 + messageLength)..]);
        return (message, appId);
    }
}
