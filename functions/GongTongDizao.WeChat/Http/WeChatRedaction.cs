using System.Text;
using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat;

/// <summary>
/// Removes secrets from what this client logs: the AppSecret, js codes and access tokens all travel in query
/// strings, and phone codes and session keys in bodies or results.
/// </summary>
public static partial class WeChatRedaction
{
    /// <summary>What replaces a redacted value.</summary>
    public const string Mask = "***";

    private static readonly HashSet<string> s_sensitiveKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "secret", "appsecret", "js_code", "code", "session_key", "refresh_token", "echostr",
    };

    /// <summary>The path and query of <paramref name="uri"/> with the values of sensitive parameters masked.</summary>
    public static string RedactUri(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        var query = uri.IsAbsoluteUri ? uri.Query : (uri.OriginalString.Contains('?', StringComparison.Ordinal)
            ? uri.OriginalString[uri.OriginalString.IndexOf('?', StringComparison.Ordinal)..]
            : string.Empty);
        return path + RedactQuery(query);
    }

    /// <summary>A query string with the values of sensitive parameters masked.</summary>
    public static string RedactQuery(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var builder = new StringBuilder("?");
        var first = true;
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            builder.Append(key);
            if (equals >= 0)
            {
                builder.Append('=').Append(s_sensitiveKeys.Contains(Uri.UnescapeDataString(key)) ? Mask : pair[(equals + 1)..]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Masks <c>key=value</c> and <c>"key":"value"</c> pairs of sensitive keys inside free text such as an errmsg,
    /// in case WeChat ever echoes a parameter back.
    /// </summary>
    public static string RedactText(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : SensitiveTextPattern().Replace(text, m => m.Groups[1].Value + Mask);

    /// <summary>A phone number reduced to its first 3 and last 2 digits, enough to recognise it in support.</summary>
    public static string MaskPhone(string? phone) =>
        string.IsNullOrEmpty(phone) ? string.Empty
        : phone.Length <= 5 ? Mask
        : string.Concat(phone.AsSpan(0, 3), Mask, phone.AsSpan(phone.Length - 2));

    [GeneratedRegex("""(\b(?:access_token|secret|appsecret|js_code|session_key|code)"?\s*[=:]\s*"?)[^&"\s,}]+""", RegexOptions.IgnoreCase)]
    private static partial Regex SensitiveTextPattern();
}
