using System.Globalization;

namespace GongTongDizao.Core.Common;

/// <summary>Length limits count what a person sees (text elements: an emoji or a CJK character is one), and no control characters.</summary>
public static class TextRules
{
    public static int Length(string? text) => text is null ? 0 : new StringInfo(text).LengthInTextElements;

    public static bool HasControlCharacters(string? text, bool allowNewLines = false) =>
        text is not null && text.Any(c => char.IsControl(c) && !(allowNewLines && c is '\n' or '\r' or '\t'));

    public static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilder<T, string?> rule, int min, int max, bool multiline = false) =>
        rule.Must(t => t is null || (Length(t) >= min && Length(t) <= max)).WithMessage($"长度须在 {min} 到 {max} 个字之间")
            .Must(t => !HasControlCharacters(t, multiline)).WithMessage("不能包含控制字符")
            .Must(t => t is null || t.Trim().Length > 0 || min == 0).WithMessage("不能为空白");
}
