using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.Core.Auth;

/// <summary>AES-256-GCM for the few fields that must be readable later but never stored in clear (session_key, phone).</summary>
public sealed class FieldProtector(KeyMaterial keys)
{
    private const string Version = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Whether a stored value is one of ours (markers such as an erased field's are kept in clear).</summary>
    public static bool IsProtected(string? value) => value is not null && value.StartsWith(Version, StringComparison.Ordinal);

    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + data.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.FieldEncryptionKey, TagSize);
        aes.Encrypt(nonce, data, output.AsSpan(NonceSize, data.Length), output.AsSpan(NonceSize + data.Length));
        return Version + Convert.ToBase64String(output);
    }

    public string Unprotect(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        if (!protectedValue.StartsWith(Version, StringComparison.Ordinal))
        {
            throw new CryptographicException("Unknown protected value format.");
        }

        var input = Convert.FromBase64String(protectedValue[Version.Length..]);
        var plaintext = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(keys.FieldEncryptionKey, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, plaintext.Length), input.AsSpan(NonceSize + plaintext.Length), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }
}
