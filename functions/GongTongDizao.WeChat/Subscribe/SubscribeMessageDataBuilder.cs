using System.Globalization;

namespace GongTongDizao.WeChat;

/// <summary>
/// Collects, validates and truncates the keyword values of one message for a
/// <see cref="SubscribeMessageTemplate"/>. Errors throw <see cref="SubscribeMessageDataException"/> at
/// <see cref="Set(string, string)"/> or <see cref="Build"/>, before anything is sent.
/// </summary>
public sealed class SubscribeMessageDataBuilder
{
    private readonly SubscribeMessageTemplate _template;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _truncated = [];

    internal SubscribeMessageDataBuilder(SubscribeMessageTemplate template) => _template = template;

    /// <summary>Sets a keyword from text; free text is cleaned and truncated per the keyword type.</summary>
    public SubscribeMessageDataBuilder Set(string keyword, string? value)
    {
        var definition = Find(keyword);
        _values[keyword] = SubscribeValueRules.Normalize(definition, value, out var truncated);
        if (truncated && !_truncated.Contains(keyword))
        {
            _truncated.Add(keyword);
        }

        return this;
    }

    /// <summary>Sets a time or date keyword, formatted in Beijing time (<see cref="ChinaTime"/>) (<c>2026年11月27日 15:01</c> / <c>2026年11月27日</c>).</summary>
    public SubscribeMessageDataBuilder Set(string keyword, DateTimeOffset value)
    {
        var text = Find(keyword).Type switch
        {
            SubscribeKeywordType.Time => ChinaTime.DateTimeText(value),
            SubscribeKeywordType.Date => ChinaTime.DateText(value),
            var other => throw new SubscribeMessageDataException(keyword, $"a {other} keyword does not take a time."),
        };
        return Set(keyword, text);
    }

    /// <summary>Sets a number or amount keyword, formatted invariantly.</summary>
    public SubscribeMessageDataBuilder Set(string keyword, decimal value)
    {
        var text = Find(keyword).Type switch
        {
            SubscribeKeywordType.Number => value.ToString(CultureInfo.InvariantCulture),
            SubscribeKeywordType.Amount => value.ToString("0.##", CultureInfo.InvariantCulture) + "元",
            var other => throw new SubscribeMessageDataException(keyword, $"a {other} keyword does not take a number."),
        };
        return Set(keyword, text);
    }

    /// <summary>Checks that every keyword of the template has a value and returns the data.</summary>
    public SubscribeMessageData Build()
    {
        var missing = _template.Keywords.Keys.Where(k => !_values.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new SubscribeMessageDataException(missing[0], $"no value for {string.Join(", ", missing)} of template '{_template.Key}'.");
        }

        return new SubscribeMessageData(new Dictionary<string, string>(_values, StringComparer.Ordinal), _truncated.ToArray());
    }

    private SubscribeKeyword Find(string keyword)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyword);
        return _template.Keywords.TryGetValue(keyword, out var definition)
            ? definition
            : throw new SubscribeMessageDataException(keyword, $"template '{_template.Key}' has no such keyword.");
    }
}
