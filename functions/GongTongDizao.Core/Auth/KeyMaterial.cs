using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Auth;

/// <summary>Keys derived once from the configured secrets, each for one purpose (HKDF), so no key is used twice.</summary>
public sealed class KeyMaterial(IOptions<AuthOptions> options)
{
    private readonly Lazy<byte[]> _signing = new(() => Convert.FromBase64String(options.Value.SigningKey));
    private readonly Lazy<byte[]> _fieldEncryption = new(() => Derive(options.Value.DataProtectionKey, "field-encryption/v1"));
    private readonly Lazy<byte[]> _userIds = new(() => Derive(options.Value.DataProtectionKey, "user-id/v1"));
    private readonly Lazy<byte[]> _pageTokens = new(() => Derive(options.Value.DataProtectionKey, "page-token/v1"));
    private readonly Lazy<byte[]> _checkInCodes = new(() => Derive(options.Value.DataProtectionKey, "check-in-code/v1"));

    public byte[] SigningKey => _signing.Value;

    public byte[] FieldEncryptionKey => _fieldEncryption.Value;

    public byte[] UserIdKey => _userIds.Value;

    /// <summary>Seals paging tokens (<see cref="Common.PageTokens"/>).</summary>
    public byte[] PageTokenKey => _pageTokens.Value;

    /// <summary>Signs the check-in codes of activity sessions (<see cref="Features.Hours.CheckInTokens"/>).</summary>
    public byte[] CheckInCodeKey => _checkInCodes.Value;

    private static byte[] Derive(string secret, string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(secret), 32, info: Encoding.UTF8.GetBytes(purpose));
}
