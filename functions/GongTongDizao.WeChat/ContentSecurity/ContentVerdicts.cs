namespace GongTongDizao.WeChat;

/// <summary>Reads <c>suggest</c> values.</summary>
internal static class ContentVerdicts
{
    /// <summary>
    /// An unknown or missing suggest becomes <see cref="ContentSuggest.Review"/>: a human looks at it rather than
    /// it being published unchecked or rejected without reason.
    /// </summary>
    public static ContentSuggest ParseSuggest(string? suggest) => suggest?.Trim().ToUpperInvariant() switch
    {
        "PASS" => ContentSuggest.Pass,
        "RISKY" => ContentSuggest.Risky,
        _ => ContentSuggest.Review,
    };
}
