namespace GongTongDizao.WeChat;

/// <summary>
/// Result of code2Session. <see cref="SessionKey"/> never leaves the server; store the newest one, since
/// <c>wx.login</c> may rotate it and older keys then fail to decrypt.
/// </summary>
public sealed record Code2SessionResult(string OpenId, string? UnionId, string SessionKey)
{
    // The generated ToString would print the session key into any log that formats this record.
    public override string ToString() => $"Code2SessionResult {{ OpenId = {OpenId}, UnionId = {UnionId}, SessionKey = {WeChatRedaction.Mask} }}";
}
