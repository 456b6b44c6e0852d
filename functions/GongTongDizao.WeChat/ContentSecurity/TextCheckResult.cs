namespace GongTongDizao.WeChat;

/// <summary>
/// Verdict of msg_sec_check v2: <see cref="Suggest"/> and <see cref="Label"/> (100 normal, 10001 ads, 20001
/// politics, 20002 porn, 20003 abuse, 20006 illegal, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other).
/// </summary>
public sealed record TextCheckResult(ContentSuggest Suggest, int Label, string? TraceId)
{
    public bool IsPass => Suggest == ContentSuggest.Pass;
}
