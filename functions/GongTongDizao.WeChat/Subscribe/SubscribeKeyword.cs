using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat;

/// <summary>One keyword of a subscribe-message template, e.g. <c>thing1</c> of type <see cref="SubscribeKeywordType.Thing"/>.</summary>
public sealed partial record SubscribeKeyword
{
    private static readonly Dictionary<string, SubscribeKeywordType> s_prefixes = new(StringComparer.Ordinal)
    {
        ["thing"] = SubscribeKeywordType.Thing,
        ["number"] = SubscribeKeywordType.Number,
        ["letter"] = SubscribeKeywordType.Letter,
        ["symbol"] = SubscribeKeywordType.Symbol,
        ["character_string"] = SubscribeKeywordType.CharacterString,
        ["time"] = SubscribeKeywordType.Time,
        ["date"] = SubscribeKeywordType.Date,
        ["amount"] = SubscribeKeywordType.Amount,
        ["phone_number"] = SubscribeKeywordType.PhoneNumber,
        ["car_number"] = SubscribeKeywordType.CarNumber,
        ["name"] = SubscribeKeywordType.Name,
        ["phrase"] = SubscribeKeywordType.Phrase,
        ["enum"] = SubscribeKeywordType.Enum,
    };

    public SubscribeKeyword(string name, SubscribeKeywordType type, IReadOnlyCollection<string>? allowedValues = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (type == SubscribeKeywordType.Enum && (allowedValues is null || allowedValues.Count == 0))
        {
            throw new ArgumentException($"Enum keyword '{name}' needs the values defined in the template.", nameof(allowedValues));
        }

        Name = name;
        Type = type;
        AllowedValues = allowedValues;
    }

    /// <summary>The keyword name as in the template, e.g. <c>thing1</c>.</summary>
    public string Name { get; }

    public SubscribeKeywordType Type { get; }

    /// <summary>The template's values for <see cref="SubscribeKeywordType.Enum"/> keywords.</summary>
    public IReadOnlyCollection<string>? AllowedValues { get; }

    /// <summary>Infers the type from the name WeChat gives the keyword (<c>character_string3</c> → CharacterString).</summary>
    public static SubscribeKeyword FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var match = NamePattern().Match(name);
        if (!match.Success || !s_prefixes.TryGetValue(match.Groups[1].Value, out var type) || type == SubscribeKeywordType.Enum)
        {
            throw new ArgumentException($"'{name}' is not a WeChat keyword name with a known type (enum keywords need their values).", nameof(name));
        }

        return new SubscribeKeyword(name, type);
    }

    [GeneratedRegex("^([a-z_]+?)([0-9]+)$")]
    private static partial Regex NamePattern();
}
