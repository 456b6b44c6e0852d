namespace GongTongDizao.WeChat;

/// <summary>Body of <c>POST /wxa/msg_sec_check</c>.</summary>
internal sealed record MsgSecCheckRequest(int Version, int Scene, string Openid, string Content, string? Title, string? Nickname, string? Signature);
