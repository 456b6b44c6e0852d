using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.Core.Common;

/// <summary>
/// The one paging-token scheme of every list. A token is the store's own position (a Cosmos continuation, or a
/// cursor of ours) sealed with AES-256-GCM under a key of its own: opaque to clients, and bound to the list and the
/// query it pages (caller, filters) as associated data, so a token that was altered, made up, or taken from another
/// list or query fails to open and is answered 400 <c>VALIDATION_FAILED</c> before anything reaches the store.
/// Absent or empty means the first page.
/// </summary>
public sealed class PageTokens(KeyMaterial keys)
{
    /// <summary>Longer tokens are refused unread; ours stay far below this.</summary>
    public const int MaxLength = 4096;

    private const string Prefix = "p1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>The refusal every list gives a token that is not one of ours.</summary>
    public static Error Invalid() => Error.Validation("continuation", "翻页标记无效，请从第一页重新加载");

    /// <summary>Seals the store's position for the next page of <paramref name="list"/>; null stays null (last page).</summary>
    public string? Seal(string list, string binding, string? position)
    {
        if (string.IsNullOrEmpty(position))
        {
            return null;
        }

        var data = Encoding.UTF8.GetBytes(position);
        var sealedBytes = new byte[NonceSize + data.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.PageTokenKey, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize, data.Length), sealedBytes.AsSpan(NonceSize + data.Length), Context(list, binding));
        return Prefix + Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>
    /// Opens a token the client sent: true with a null position for the first page (absent or empty), true with the
    /// store's position for one of ours issued for this list and binding, false for anything else.
    /// </summary>
    public bool TryOpen(string? token, string list, string binding, out string? position)
    {
        position = null;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }

        if (token.Length > MaxLength || !token.StartsWith(Prefix, StringComparison.Ordinal) || !Base64Url.IsValid(token.AsSpan(Prefix.Length)))
        {
            return false;
        }

        var sealedBytes = Base64Url.DecodeFromChars(token.AsSpan(Prefix.Length));
        if (sealedBytes.Length <= NonceSize + TagSize)
        {
            return false;
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(keys.PageTokenKey, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), plaintext, Context(list, binding));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        position = Encoding.UTF8.GetString(plaintext);
        return position.Length > 0;
    }

    private static byte[] Context(string list, string binding) => Encoding.UTF8.GetBytes(list + "\n" + binding);
}

/// <summary>
/// The store refused a position that one of our tokens carried (it can no longer resume that query): answered like any
/// token that is not ours, 400 <c>VALIDATION_FAILED</c> on <c>continuation</c>, so the client reloads the first page.
/// </summary>
public sealed class StalePageTokenException : Exception
{
    public StalePageTokenException()
    {
    }

    public StalePageTokenException(string message)
        : base(message)
    {
    }

    public StalePageTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
