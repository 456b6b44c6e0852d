namespace GongTongDizao.WeChat;

/// <summary>Body of <c>POST /cgi-bin/stable_token</c>.</summary>
internal sealed record StableTokenRequest(string GrantType, string Appid, string Secret, bool ForceRefresh)
{
    public override string ToString() => "StableTokenRequest { }";
}
