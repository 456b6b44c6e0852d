namespace GongTongDizao.WeChat;

/// <summary>Input of msg_sec_check v2. The openid must have used the mini-program in the last 2 hours (else 61010).</summary>
public sealed record TextCheckRequest(string OpenId, string Content, ContentCheckScene Scene = ContentCheckScene.Forum)
{
    /// <summary>WeChat's limit on <see cref="Content"/>, in characters.</summary>
    public const int MaxContentLength = 2500;

    public string? Title { get; init; }

    public string? Nickname { get; init; }

    public string? Signature { get; init; }
}
