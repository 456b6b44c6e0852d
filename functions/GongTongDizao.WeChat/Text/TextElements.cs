using System.Globalization;
using System.Text;

namespace GongTongDizao.WeChat;

/// <summary>
/// Length and truncation in user-perceived characters (text elements): WeChat counts 汉字 and emoji as one
/// character each, while <see cref="string.Length"/> counts UTF-16 units and would split surrogate pairs.
/// </summary>
internal static class TextElements
{
    public static int Count(string value) => new StringInfo(value).LengthInTextElements;

    /// <summary>
    /// Cuts <paramref name="value"/> to at most <paramref name="max"/> text elements; when cut, the last one is
    /// replaced by <paramref name="ellipsis"/> (if given) so the reader sees that text is missing.
    /// </summary>
    public static string Truncate(string value, int max, string? ellipsis, out bool truncated)
    {
        var info = new StringInfo(value);
        truncated = info.LengthInTextElements > max;
        if (!truncated)
        {
            return value;
        }

        return ellipsis is null
            ? info.SubstringByTextElements(0, max)
            : info.SubstringByTextElements(0, max - 1) + ellipsis;
    }

    /// <summary>Turns runs of line breaks and tabs into one space, drops other control characters, trims.</summary>
    public static string StripControlCharacters(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\t')
            {
                if (builder.Length == 0 || builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }
}
