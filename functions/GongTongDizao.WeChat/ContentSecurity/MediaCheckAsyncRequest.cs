namespace GongTongDizao.WeChat;

/// <summary>Body of <c>POST /wxa/media_check_async</c>.</summary>
internal sealed record MediaCheckAsyncRequest(string MediaUrl, int MediaType, int Version, int Scene, string Openid);
