namespace GongTongDizao.WeChat;

/// <summary>
/// Input of getwxacodeunlimit. <see cref="Scene"/> is at most 32 visible characters (e.g. <c>t=123</c>);
/// the page reads it from <c>options.scene</c>.
/// </summary>
public sealed record UnlimitedQrCodeRequest(string Scene)
{
    public const int MaxSceneLength = 32;

    public const int MinWidth = 280;

    public const int MaxWidth = 1280;

    /// <summary>A page path without leading '/' and without query (e.g. <c>pages/topics/detail</c>); the home page when null.</summary>
    public string? Page { get; init; }

    /// <summary>
    /// Whether WeChat checks that <see cref="Page"/> exists in the released mini-program; turn off for pages not yet
    /// released. Always sent as false for trial and develop codes.
    /// </summary>
    public bool CheckPath { get; init; } = true;

    /// <summary>Edge length in pixels, 280 to 1280.</summary>
    public int Width { get; init; } = 430;

    /// <summary>Transparent background.</summary>
    public bool IsHyaline { get; init; }

    /// <summary>Which build the code opens; defaults from <see cref="WeChatClientOptions.MiniProgramState"/>.</summary>
    public WeChatMiniProgramState? EnvVersion { get; init; }
}
