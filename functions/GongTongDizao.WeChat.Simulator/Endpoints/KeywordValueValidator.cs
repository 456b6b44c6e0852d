using System.Globalization;
using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// WeChat's server-side checks of subscribe keyword values (doc "发送订阅消息"), by the type in the keyword's
/// name. Returns the complaint WeChat would put into the 47003 errmsg, or null when the value is fine.
/// </summary>
internal static partial class KeywordValueValidator
{
    public static string? Check(string keyword, string? value)
    {
        var match = KeywordName().Match(keyword);
        if (!match.Success)
        {
            return "invalid keyword";
        }

        if (string.IsNullOrEmpty(value))
        {
            return "is empty";
        }

        if (value.Any(char.IsControl))
        {
            return "invalid";
        }

        var length = new StringInfo(value).LengthInTextElements;
        return match.Groups[1].Value switch
        {
            "thing" => length <= 20 ? null : "exceeds limit",
            "number" => !NumberValue().IsMatch(value) ? "invalid" : value.Count(char.IsAsciiDigit) <= 32 ? null : "exceeds limit",
            "letter" => !Letters().IsMatch(value) ? "invalid" : length <= 32 ? null : "exceeds limit",
            "symbol" => Regex.IsMatch(value, @"[\p{L}\p{N}]") ? "invalid" : length <= 5 ? null : "exceeds limit",
            "character_string" => !Ascii().IsMatch(value) ? "invalid" : length <= 32 ? null : "exceeds limit",
            "phone_number" => !Phone().IsMatch(value) ? "invalid" : length <= 17 ? null : "exceeds limit",
            "car_number" => length <= 8 ? null : "exceeds limit",
            "name" => length <= (Chinese().IsMatch(value) ? 10 : 20) ? null : "exceeds limit",
            "phrase" => !ChineseOnly().IsMatch(value) ? "invalid" : length <= 5 ? null : "exceeds limit",
            "amount" => Amount().IsMatch(value) ? null : "invalid",
            "time" => value.Split('~').All(p => Time().IsMatch(p.Trim())) ? null : "invalid",
            "date" => value.Split('~').All(p => Date().IsMatch(p.Trim())) ? null : "invalid",
            "enum" => null,
            _ => "invalid keyword",
        };
    }

    [GeneratedRegex("^([a-z_]+?)[0-9]+$")]
    private static partial Regex KeywordName();

    [GeneratedRegex(@"^[-+]?\d+(\.\d+)?$")]
    private static partial Regex NumberValue();

    [GeneratedRegex("^[A-Za-z]+$")]
    private static partial Regex Letters();

    [GeneratedRegex(@"^[\x20-\x7E]+$")]
    private static partial Regex Ascii();

    [GeneratedRegex(@"^[0-9+\-() ]+$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"^\p{IsCJKUnifiedIdeographs}+$")]
    private static partial Regex ChineseOnly();

    [GeneratedRegex(@"^[¥￥$€£]?\d{1,12}(\.\d+)?元?$")]
    private static partial Regex Amount();

    [GeneratedRegex(@"^(\d{4}(年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})\s?)?\d{1,2}:\d{2}(:\d{2})?$")]
    private static partial Regex Time();

    [GeneratedRegex(@"^\d{4}(年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})(\s?\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex Date();
}
