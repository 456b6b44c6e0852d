using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat;

/// <summary>
/// WeChat's value rules per keyword type (doc "发送订阅消息 sendMessage", table 订阅消息参数值内容限制说明;
/// developers.weixin.qq.com/miniprogram/dev/server/API/mp-message-management/subscribe-message/api_sendmessage). Free text (thing, name, phrase,
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
                // 10个以内纯汉字或20个以内纯字母或符号; mixed Chinese and letters count as a Chinese name (10). No digits.
                Require(keyword, NameCharacters().IsMatch(value), "name allows Chinese characters, letters and symbols only (no digits).");
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
                // 32位以内数字, 只能数字,可带小数: digits and one decimal point, no sign.
                Require(keyword, NumberPattern().IsMatch(value) && value.Count(char.IsAsciiDigit) <= 32, "number is at most 32 digits, optionally with decimals, without a sign.");
                return value;

            case SubscribeKeywordType.Amount:
                // 1个币种符号+10位以内纯数字,可带小数,结尾可带"元".
                Require(keyword, AmountPattern().IsMatch(value), "amount is a currency symbol and at most 10 digits, optionally with decimals and a trailing 元.");
                return value;

            case SubscribeKeywordType.PhoneNumber:
                Require(keyword, PhonePattern().IsMatch(value) && value.Length <= 17, "phone_number is at most 17 digits and symbols.");
                return value;

            case SubscribeKeywordType.CarNumber:
                // 8位以内,第一位与最后一位可为汉字,其余为字母或数字 (粤A8Z888挂).
                Require(keyword, TextElements.Count(value) <= 8 && CarNumberPattern().IsMatch(value),
                    "car_number is at most 8 characters: letters or digits, the first and last may be Chinese.");
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

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[¥￥$€£]?[0-9]{1,10}(\.[0-9]{1,2})?元?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z0-9](?:[A-Za-z0-9]{0,6}[\p{IsCJKUnifiedIdeographs}A-Za-z0-9])?$")]
    private static partial Regex CarNumberPattern();

    [GeneratedRegex(@"^[^\p{N}\p{C}]+$")]
    private static partial Regex NameCharacters();

    [GeneratedRegex(@"^\+?[0-9][0-9\-\s()]{0,16}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^((\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})\s?)?([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})(\s?([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?)?$")]
    private static partial Regex DatePattern();
}
