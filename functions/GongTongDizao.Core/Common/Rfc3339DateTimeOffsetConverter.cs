using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace GongTongDizao.Core.Common;

/// <summary>
/// Date-times in request bodies as the contract declares them (<c>format: date-time</c>, RFC 3339): an offset is
/// required (<c>Z</c> or ±hh:mm), and every offset RFC 3339 allows is accepted, including those beyond the ±14:00 a
/// <see cref="DateTimeOffset"/> can carry, which are converted to UTC. Written as the default round-trip format.
/// </summary>
public sealed partial class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    private static readonly TimeSpan s_maxOffset = TimeSpan.FromHours(14);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || Pattern().Match(reader.GetString()!) is not { Success: true } match)
        {
            throw new JsonException("须为带时区的 RFC 3339 日期时间，如 2026-11-27T08:00:00+08:00");
        }

        var fraction = match.Groups["fraction"].Value;
        var text = match.Groups["date"].Value + "T" + match.Groups["time"].Value + (fraction.Length == 0 ? string.Empty : "." + fraction[..Math.Min(fraction.Length, 7)]);
        var format = fraction.Length == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF";
        if (!DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new JsonException("日期时间无效");
        }

        var offset = TimeSpan.Zero;
        if (match.Groups["hours"].Success)
        {
            offset = new TimeSpan(int.Parse(match.Groups["hours"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["minutes"].Value, CultureInfo.InvariantCulture), 0);
            offset = match.Groups["sign"].Value == "-" ? -offset : offset;
        }

        var utc = DateTime.SpecifyKind(local, DateTimeKind.Unspecified) - offset;
        if (utc < DateTime.MinValue.AddDays(1) || utc > DateTime.MaxValue.AddDays(-1))
        {
            throw new JsonException("日期时间超出范围");
        }

        return offset.Duration() <= s_maxOffset ? new DateTimeOffset(local, offset) : new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})[Tt](?<time>\d{2}:\d{2}:\d{2})(?:\.(?<fraction>\d{1,30}))?(?:[Zz]|(?<sign>[+-])(?<hours>[01]\d|2[0-3]):(?<minutes>[0-5]\d))$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pattern();
}
