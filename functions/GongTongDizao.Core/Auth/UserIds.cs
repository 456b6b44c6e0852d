using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.Core.Auth;

/// <summary>
/// A user's id is random: nothing about the WeChat identity can be computed from it, and nothing computes it from
/// the openid. Login finds the account through the openid link (<see cref="OpenIdLinkId"/>, a keyed hash of the
/// openid), which is deleted with the account, so after deletion no retained record can be tied to the person again.
/// </summary>
public sealed class UserIds(KeyMaterial keys)
{
    /// <summary>A new account's id: 96 random bits, in the same shape ids always had (u + 24 hex digits).</summary>
    public static string NewId() => "u" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>The id of the document linking an openid to its account: a keyed hash, so the openid is not in it.</summary>
    public string OpenIdLinkId(string openId)
    {
        ArgumentException.ThrowIfNullOrEmpty(openId);
        var hash = HMACSHA256.HashData(keys.UserIdKey, Encoding.UTF8.GetBytes("openid-link:" + openId));
        return "o" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>
    /// What retained records keep of a deleted person: random, so not computable from the id they had or anything
    /// else retained. One deletion uses one pseudonym everywhere, so the community record stays consistent.
    /// </summary>
    public static string Pseudonym() => "deleted-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
