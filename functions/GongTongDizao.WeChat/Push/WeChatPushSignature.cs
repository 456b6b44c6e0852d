using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.WeChat;

/// <summary>WeChat's push signature: sha1 of the parts sorted in dictionary order and concatenated, lower-case hex.</summary>
public static class WeChatPushSignature
{
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "WeChat defines push signatures as SHA-1.")]
    public static string Compute(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var sorted = parts.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>Compares in constant time so the expected signature cannot be probed byte by byte.</summary>
    public static bool Matches(string? actual, params string[] parts)
    {
        if (string.IsNullOrEmpty(actual))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(parts));
        var received = Encoding.ASCII.GetBytes(actual.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }
}
