using System.Globalization;
using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// WeChat's server-side checks of subscribe keyword values, by the type in the keyword's name, as the table
/// "订阅消息参数值内容限制说明" of doc "发送订阅消息 sendMessage"
/// (developers.weixin.qq.com/miniprogram/dev/server/API/mp-message-management/subscribe-message/api_sendmessage)
/// states them. Returns the complaint WeChat would put into the 47003 errmsg, or null when the value is fine.
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
            // thing: 20个以内字符, 可汉字、数字、字母或符号组合.
            "thing" => length <= 20 ? null : "exceeds limit",
            // number: 32位以内数字, 只能数字,可带小数 (no sign).
            "number" => !NumberValue().IsMatch(value) ? "invalid" : value.Count(char.IsAsciiDigit) <= 32 ? null : "exceeds limit",
            // letter: 32位以内字母, 只能字母.
            "letter" => !Letters().IsMatch(value) ? "invalid" : length <= 32 ? null : "exceeds limit",
            // symbol: 5位以内符号, 只能符号.
            "symbol" => Regex.IsMatch(value, @"[\p{L}\p{N}]") ? "invalid" : length <= 5 ? null : "exceeds limit",
            // character_string: 32位以内数字、字母或符号.
            "character_string" => !Ascii().IsMatch(value) ? "invalid" : length <= 32 ? null : "exceeds limit",
            // phone_number: 17位以内,数字、符号 (e.g. +86-0766-66888866).
            "phone_number" => !Phone().IsMatch(value) ? "invalid" : length <= 17 ? null : "exceeds limit",
            // car_number: 8位以内,第一位与最后一位可为汉字,其余为字母或数字 (e.g. 粤A8Z888挂).
            "car_number" => length > 8 ? "exceeds limit" : CarNumber().IsMatch(value) ? null : "invalid",
            // name: 10个以内纯汉字或20个以内纯字母或符号; 中文和字母混合按中文名算,10个字内 (so no digits).
            "name" => !NameValue().IsMatch(value) ? "invalid" : length <= (Chinese().IsMatch(value) ? 10 : 20) ? null : "exceeds limit",
            // phrase: 5个以内汉字, 5个以内纯汉字.
            "phrase" => !ChineseOnly().IsMatch(value) ? "invalid" : length <= 5 ? null : "exceeds limit",
            // amount: 1个币种符号+10位以内纯数字,可带小数,结尾可带"元".
            "amount" => Amount().IsMatch(value) ? null : "invalid",
            // time: 24小时制时间格式(支持+年月日),支持填时间段,两个时间点之间用"~"符号连接.
            "time" => value.Split('~').All(p => Time().IsMatch(p.Trim())) ? null : "invalid",
            // date: 年月日格式(支持+24小时制时间),支持填时间段.
            "date" => value.Split('~').All(p => Date().IsMatch(p.Trim())) ? null : "invalid",
            "enum" => null,
            _ => "invalid keyword",
        };
    }

    [GeneratedRegex("^([a-z_]+?)[0-9]+$")]
    private static partial Regex KeywordName();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?$")]
    private static partial Regex NumberValue();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z0-9](?:[A-Za-z0-9]{0,6}[\p{IsCJKUnifiedIdeographs}A-Za-z0-9])?$")]
    private static partial Regex CarNumber();

    // Chinese characters, letters and symbols (punctuation such as the middle dot of 阿卜杜·热合曼), no digits.
    [GeneratedRegex(@"^[^\p{N}\p{C}]+$")]
    private static partial Regex NameValue();

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

    [GeneratedRegex(@"^[¥￥$€£]?[0-9]{1,10}(\.[0-9]+)?元?$")]
    private static partial Regex Amount();

    [GeneratedRegex(@"^(\d{4}(年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})\s?)?\d{1,2}:\d{2}(:\d{2})?$")]
    private static partial Regex Time();

    [GeneratedRegex(@"^\d{4}(年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})(\s?\d{1,2}:\d{2}(:\d{2})?)?$")]
    private static partial Regex Date();
}
