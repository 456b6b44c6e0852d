namespace GongTongDizao.WeChat;

/// <summary>Validated keyword values of one subscribe message; built by <see cref="SubscribeMessageDataBuilder"/>.</summary>
public sealed class SubscribeMessageData
{
    internal SubscribeMessageData(IReadOnlyDictionary<string, string> values, IReadOnlyList<string> truncatedKeywords)
    {
        Values = values;
        TruncatedKeywords = truncatedKeywords;
    }

    /// <summary>Keyword name → value as sent.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Keywords whose value was shortened to fit WeChat's limit.</summary>
    public IReadOnlyList<string> TruncatedKeywords { get; }

    /// <summary>Bypasses validation; only for tests that need WeChat itself to reject data (47003).</summary>
    internal static SubscribeMessageData CreateUnchecked(IReadOnlyDictionary<string, string> values) => new(values, []);
}
