namespace GongTongDizao.WeChat;

/// <summary>
/// <c>wxa_media_check</c>: the verdict of a media_check_async submission, matched by <see cref="TraceId"/>.
/// A non-zero <see cref="ErrCode"/> (e.g. -1008, download failed) means no verdict could be reached.
/// </summary>
public sealed record MediaCheckEvent : WeChatPushEvent
{
    public required string TraceId { get; init; }

    public string? AppId { get; init; }

    public int Version { get; init; }

    public int ErrCode { get; init; }

    public string? ErrMsg { get; init; }

    /// <summary>The overall verdict (<c>result.suggest</c>); Review when WeChat gave none.</summary>
    public ContentSuggest Suggest { get; init; }

    /// <summary>The overall label (<c>result.label</c>).</summary>
    public int Label { get; init; }

    /// <summary>Per-strategy details; WeChat sends one object or a list.</summary>
    public IReadOnlyList<MediaCheckDetail> Details { get; init; } = [];
}
