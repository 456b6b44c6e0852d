namespace GongTongDizao.Core.Features.Hours;

/// <summary>What one attendance earns: the minutes served within the session, the share of it, and the minutes credited.</summary>
public sealed record HoursCredit(int ServedMinutes, double Coverage, bool CoversSession, int CreditedMinutes);

/// <summary>
/// The hours rules, pure so that every case is a unit test. Service counts only within the session the organiser
/// planned and confirms (time before its start or after its end is 补录 with a reason); nothing is credited unless the
/// attendance covers <see cref="HoursOptions.MinimumAttendance"/> of the session; what is credited is the served time in
/// whole <see cref="HoursOptions.Step"/>s, rounded as configured (down by default: never hours not served).
/// </summary>
public static class HoursRules
{
    public static HoursCredit Credit(DateTimeOffset sessionStart, DateTimeOffset sessionEnd, DateTimeOffset checkedIn, DateTimeOffset checkedOut, HoursOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (sessionEnd <= sessionStart)
        {
            throw new ArgumentException("A session ends after it starts.", nameof(sessionEnd));
        }

        var from = checkedIn > sessionStart ? checkedIn : sessionStart;
        var to = checkedOut < sessionEnd ? checkedOut : sessionEnd;
        var served = to > from ? to - from : TimeSpan.Zero;
        var coverage = served / (sessionEnd - sessionStart);

        // "At least the share" in ticks, so exactly half of a session counts as half under the 0.5 default.
        var covers = served > TimeSpan.Zero && served.Ticks >= (long)Math.Ceiling((sessionEnd - sessionStart).Ticks * options.MinimumAttendance);
        var credited = covers ? Round(served, options) : TimeSpan.Zero;
        return new HoursCredit((int)served.TotalMinutes, Math.Round(coverage, 4), covers, (int)credited.TotalMinutes);
    }

    /// <summary>Whole steps of <paramref name="served"/>, rounded as configured.</summary>
    public static TimeSpan Round(TimeSpan served, HoursOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var steps = served.Ticks / (double)options.Step.Ticks;
        var whole = options.Rounding switch
        {
            HoursRounding.Up => Math.Ceiling(steps),
            HoursRounding.Nearest => Math.Floor(steps + 0.5),
            _ => Math.Floor(steps),
        };
        return TimeSpan.FromTicks((long)whole * options.Step.Ticks);
    }

    /// <summary>Minutes as hours for people (2.5 小时).</summary>
    public static decimal ToHours(int minutes) => Math.Round(minutes / 60m, 2);
}
