using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat;

/// <summary>
/// WeChat's value rules per keyword type (doc "发送订阅消息", WECHAT.md). Free text (thing, name, phrase,
/// character_string, letter, symbol) is truncated to the limit, because a shortened title is better than no
/// message. Structured values (number, amount, phone_number, time, date, car_number, enum) are rejected
/// instead: a cut number or phone number would be wrong, not just short.
/// </summary>
internal static partial class SubscribeValueRules
{
    private const string Ellipsis = "…";

    public static string Normalize(SubscribeKeyword keyword, string? raw, out bool truncated)
    {
        truncated = false;
        var value = TextElements.StripControlCharacters(raw ?? string.Empty);
        if (value.Length == 0)
        {
            throw new SubscribeMessageDataException(keyword.Name, "the value is empty (WeChat rejects empty keywords with 47003).");
        }

        switch (keyword.Type)
        {
            case SubscribeKeywordType.Thing:
                return TextElements.Truncate(value, 20, Ellipsis, out truncated);

            case SubscribeKeywordType.Phrase:
                value = value.Replace(" ", string.Empty, StringComparison.Ordinal);
                Require(keyword, ChineseOnly().IsMatch(value), "a phrase is Chinese characters only.");
                return TextElements.Truncate(value, 5, ellipsis: null, out truncated);

            case SubscribeKeywordType.Name:
                // Any Chinese character makes it a Chinese name (10); otherwise a name of letters (20).
                return TextElements.Truncate(value, ContainsChinese().IsMatch(value) ? 10 : 20, ellipsis: null, out truncated);

            case SubscribeKeywordType.CharacterString:
                Require(keyword, AsciiPrintable().IsMatch(value), "character_string allows digits, letters and symbols only.");
                return TextElements.Truncate(value, 32, ellipsis: null, out truncated);

            case SubscribeKeywordType.Letter:
                Require(keyword, LettersOnly().IsMatch(value), "letter allows letters only.");
                return TextElements.Truncate(value, 32, ellipsis: null, out truncated);

            case SubscribeKeywordType.Symbol:
                Require(keyword, !LetterOrDigit().IsMatch(value), "symbol allows symbols only.");
                return TextElements.Truncate(value, 5, ellipsis: null, out truncated);

            case SubscribeKeywordType.Number:
                Require(keyword, NumberPattern().IsMatch(value) && value.Count(char.IsAsciiDigit) <= 32, "number is at most 32 digits, optionally with decimals.");
                return value;

            case SubscribeKeywordType.Amount:
                Require(keyword, AmountPattern().IsMatch(value), "amount is an optional currency symbol and at most 12 digits, optionally with decimals and 元.");
                return value;

            case SubscribeKeywordType.PhoneNumber:
                Require(keyword, PhonePattern().IsMatch(value) && value.Length <= 17, "phone_number is at most 17 digits and symbols.");
                return value;

            case SubscribeKeywordType.CarNumber:
                Require(keyword, TextElements.Count(value) <= 8, "car_number is at most 8 characters.");
                return value;

            case SubscribeKeywordType.Time:
                Require(keyword, value.Split('~').All(part => TimePattern().IsMatch(part.Trim())),
                    "time is 24-hour time, optionally after a date, e.g. '2026年11月27日 15:01' or '15:01'.");
                return value;

            case SubscribeKeywordType.Date:
                Require(keyword, value.Split('~').All(part => DatePattern().IsMatch(part.Trim())),
                    "date is e.g. '2026年11月27日', '2026-11-27' or '2026年11月27日 15:01'.");
                return value;

            case SubscribeKeywordType.Enum:
                Require(keyword, keyword.AllowedValues!.Contains(value, StringComparer.Ordinal),
                    "enum takes one of the template's values: " + string.Join(", ", keyword.AllowedValues!));
                return value;

            default:
                throw new SubscribeMessageDataException(keyword.Name, $"unsupported keyword type {keyword.Type}.");
        }
    }

    private static void Require(SubscribeKeyword keyword, bool condition, string message)
    {
        if (!condition)
        {
            throw new SubscribeMessageDataException(keyword.Name, message);
        }
    }

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}]+$")]
    private static partial Regex ChineseOnly();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsCJKUnifiedIdeographsExtensionA}]")]
    private static partial Regex ContainsChinese();

    [GeneratedRegex(@"^[\x21-\x7E]+$")]
    private static partial Regex AsciiPrintable();

    [GeneratedRegex("^[A-Za-z]+$")]
    private static partial Regex LettersOnly();

    [GeneratedRegex(@"[\p{L}\p{N}]")]
    private static partial Regex LetterOrDigit();

    [GeneratedRegex(@"^[-+]?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[¥￥$€£]?[0-9]{1,12}(\.[0-9]{1,2})?元?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9\-\s()]{0,16}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^((\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})\s?)?([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})(\s?([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?$")]
    private static partial Regex DatePattern();
}
