using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// Signs and encrypts pushes the way WeChat does. Written separately from the client's codec on purpose: a
/// shared implementation would let one misreading of the protocol pass both sides' tests.
/// </summary>
internal sealed class SimulatorPushEncoder(WeChatSimulatorOptions options)
{
    public static string Sign(params string[] parts)
    {
        var sorted = parts.OrderBy(p => p, StringComparer.Ordinal);
#pragma warning disable CA5350 // WeChat's push signature is SHA-1 by definition.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Join(string.Empty, sorted)));
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash);
    }

    public string Encrypt(string message)
    {
        var key = Convert.FromBase64String(options.EncodingAesKey + "=");
        using var plain = new MemoryStream();
        plain.Write(RandomNumberGenerator.GetBytes(16));
        var body = Encoding.UTF8.GetBytes(message);
        var length = body.Length;
        plain.Write([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
        plain.Write(body);
        plain.Write(Encoding.UTF8.GetBytes(options.AppId));
        var pad = 32 - (int)(plain.Length % 32);
        for (var i = 0; i < pad; i++)
        {
            plain.WriteByte((byte)pad);
        }

        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain.ToArray(), key[..16], PaddingMode.None));
    }
}
