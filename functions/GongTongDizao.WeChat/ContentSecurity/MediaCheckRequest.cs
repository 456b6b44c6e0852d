namespace GongTongDizao.WeChat;

/// <summary>
/// Input of media_check_async v2. <see cref="MediaUrl"/> must be downloadable by WeChat (a read SAS), ≤ 10 MB;
/// the verdict arrives later as the <c>wxa_media_check</c> push event.
/// </summary>
public sealed record MediaCheckRequest(Uri MediaUrl, string OpenId, ContentCheckScene Scene = ContentCheckScene.Forum)
{
    public MediaCheckType MediaType { get; init; } = MediaCheckType.Image;
}
