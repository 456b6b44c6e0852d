namespace GongTongDizao.WeChat;

/// <summary>A cached access token and when to stop using it.</summary>
internal sealed record WeChatAccessToken(string Value, DateTimeOffset RefreshAt)
{
    // A record prints its members; the token must not reach a log through ToString.
    public override string ToString() => $"WeChatAccessToken {{ RefreshAt = {RefreshAt:O} }}";
}
