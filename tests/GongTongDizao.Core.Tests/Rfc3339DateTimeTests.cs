using System.Text.Json;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Core.Tests;

/// <summary>Request date-times are RFC 3339, as the contract's <c>format: date-time</c> says: offset required, any offset.</summary>
public sealed class Rfc3339DateTimeTests
{
    private sealed record Body(DateTimeOffset At, DateTimeOffset? Due);

    [Theory]
    [InlineData("2026-11-27T08:00:00+08:00", "2026-11-27T00:00:00Z")]
    [InlineData("2026-11-27T00:00:00Z", "2026-11-27T00:00:00Z")]
    [InlineData("2026-11-27t00:00:00.1234567891z", "2026-11-27T00:00:00.1234567Z")]
    [InlineData("2026-11-27T20:00:00+20:00", "2026-11-27T00:00:00Z")]
    [InlineData("2026-11-27T00:00:00-23:59", "2026-11-27T23:59:00Z")]
    [InlineData("2026-11-27T10:00:00+14:00", "2026-11-26T20:00:00Z")]
    public void Every_RFC_3339_offset_is_accepted_as_the_same_instant(string sent, string instant)
    {
        var body = JsonSerializer.Deserialize<Body>($"{{\"at\":\"{sent}\"}}", JsonDefaults.Api)!;

        Assert.Equal(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture), body.At);
        Assert.Null(body.Due);
    }

    [Theory]
    [InlineData("\"2026-11-27T08:00:00\"")]
    [InlineData("\"2026-11-27T08:00:00+24:00\"")]
    [InlineData("\"2026-11-27T08:00:00+08\"")]
    [InlineData("\"2026-11-27 08:00:00Z\"")]
    [InlineData("\"2026-02-30T08:00:00Z\"")]
    [InlineData("1764230400")]
    public void Anything_else_is_refused(string sent) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>($"{{\"at\":{sent}}}", JsonDefaults.Api));
}
