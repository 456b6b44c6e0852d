namespace GongTongDizao.WeChat;

/// <summary>Body of <c>POST /wxa/getwxacodeunlimit</c>.</summary>
internal sealed record UnlimitedQrCodeBody(string Scene, string? Page, bool CheckPath, string EnvVersion, int Width, bool IsHyaline);
