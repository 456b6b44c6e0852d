namespace GongTongDizao.WeChat;

/// <summary>One entry of a media check's <c>detail</c>.</summary>
public sealed record MediaCheckDetail(string? Strategy, int ErrCode, ContentSuggest Suggest, int Label, int? Prob);
