namespace GongTongDizao.WeChat;

/// <summary>
/// WeChat's verdict (<c>result.suggest</c>). Policy: risky → reject with a clear message; review → hold for
/// staff moderation; pass → publish. errcode 0 only means the check ran, not that the content is clean.
/// </summary>
public enum ContentSuggest
{
    Pass,
    Review,
    Risky,
}
