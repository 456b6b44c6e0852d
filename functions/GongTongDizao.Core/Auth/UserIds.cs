using System.Security.Cryptography;
using System.Text;

namespace GongTongDizao.Core.Auth;

/// <summary>
/// A user's id is a keyed hash of the openid: login finds the account with one point read, and the id alone
/// reveals nothing about the WeChat identity.
/// </summary>
public sealed class UserIds(KeyMaterial keys)
{
    public string FromOpenId(string openId)
    {
        ArgumentException.ThrowIfNullOrEmpty(openId);
        var hash = HMACSHA256.HashData(keys.UserIdKey, Encoding.UTF8.GetBytes(openId));
        return "u" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    /// <summary>What the audit trail keeps of a deleted person: stable per user, not reversible to the user id.</summary>
    public string Pseudonym(string userId)
    {
        var hash = HMACSHA256.HashData(keys.UserIdKey, Encoding.UTF8.GetBytes("pseudonym:" + userId));
        return "deleted-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }
}
