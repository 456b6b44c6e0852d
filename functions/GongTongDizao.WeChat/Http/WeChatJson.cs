using System.Globalization;
using System.Text.Json;

namespace GongTongDizao.WeChat;

/// <summary>
/// Tolerant readers over WeChat JSON: numbers sometimes arrive as strings (and XML pushes make everything a
/// string), field-name casing varies between documents (<c>MsgId</c>/<c>MsgID</c>), and a list of one item is
/// sometimes a bare object.
/// </summary>
internal static class WeChatJson
{
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (obj.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    public static string? GetString(JsonElement obj, string name) =>
        TryGet(obj, name, out var value) ? AsString(value) : null;

    public static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static long? GetInt64(JsonElement obj, string name) =>
        TryGet(obj, name, out var value) ? AsInt64(value) : null;

    public static long? AsInt64(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out var number):
                return number;
            case JsonValueKind.Number when value.TryGetDouble(out var real) && real == Math.Floor(real)
                                          && real is >= long.MinValue and <= long.MaxValue:
                return (long)real;
            case JsonValueKind.String when long.TryParse(value.GetString()?.Trim(), NumberStyles.Integer,
                CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                return null;
        }
    }

    public static int? GetInt32(JsonElement obj, string name) =>
        GetInt64(obj, name) is { } value and >= int.MinValue and <= int.MaxValue ? (int)value : null;

    /// <summary>The items of an array, or the value itself when WeChat sent a single object instead of a list.</summary>
    public static IEnumerable<JsonElement> ObjectOrArray(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).ToArray(),
        JsonValueKind.Object => [value],
        _ => [],
    };

    /// <summary>errcode, where a missing errcode means success (code2Session and mini-program codes omit it).</summary>
    public static int GetErrCode(JsonElement root) => GetInt32(root, "errcode") ?? WeChatErrorCodes.Ok;
}
