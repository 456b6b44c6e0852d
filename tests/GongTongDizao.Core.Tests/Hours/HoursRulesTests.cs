using System.ComponentModel.DataAnnotations;
using GongTongDizao.Core.Features.Hours;

namespace GongTongDizao.Core.Tests.Hours;

/// <summary>The hours rules of 0016, case by case: service within the session, the attendance threshold, half-hour steps.</summary>
public sealed class HoursRulesTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero); // 09:00 China time

    private static HoursCredit Credit(int sessionMinutes, int inAfterStart, int outAfterStart, HoursOptions? options = null) =>
        HoursRules.Credit(s_start, s_start.AddMinutes(sessionMinutes), s_start.AddMinutes(inAfterStart), s_start.AddMinutes(outAfterStart), options ?? new HoursOptions());

    // session minutes, check-in and check-out (minutes after the start) → credited minutes under the defaults
    // (30-minute steps rounded down, at least half the session).
    [Theory]
    [InlineData(120, 0, 120, 120)]      // the whole session
    [InlineData(120, -30, 150, 120)]    // early and late: only the session counts
    [InlineData(120, 0, 119, 90)]       // 1h59 → 1h30 (down)
    [InlineData(120, 0, 60, 60)]        // exactly half: credited
    [InlineData(120, 0, 59, 0)]         // just under half: nothing
    [InlineData(120, 61, 120, 0)]       // arrived after half of it was over
    [InlineData(120, 45, 120, 60)]      // 75 min → 60
    [InlineData(180, 10, 175, 150)]     // 165 min → 150
    [InlineData(45, 0, 45, 30)]         // a short session: 45 → 30
    [InlineData(20, 0, 20, 0)]          // shorter than one step: covered, but no whole step
    [InlineData(120, 130, 140, 0)]      // checked in after the end
    [InlineData(120, -60, -10, 0)]      // left before the start
    [InlineData(120, 60, 30, 0)]        // out before in (clock skew): nothing
    public void Defaults(int session, int checkIn, int checkOut, int credited) =>
        Assert.Equal(credited, Credit(session, checkIn, checkOut).CreditedMinutes);

    [Fact]
    public void Coverage_and_served_minutes_are_reported_even_when_nothing_is_credited()
    {
        var credit = Credit(120, 0, 59);
        Assert.Equal(59, credit.ServedMinutes);
        Assert.False(credit.CoversSession);
        Assert.Equal(Math.Round(59 / 120.0, 4), credit.Coverage);
    }

    [Theory]
    [InlineData(HoursRounding.Down, 75, 60)]
    [InlineData(HoursRounding.Nearest, 75, 90)]
    [InlineData(HoursRounding.Nearest, 74, 60)]
    [InlineData(HoursRounding.Up, 61, 90)]
    [InlineData(HoursRounding.Up, 60, 60)]
    [InlineData(HoursRounding.Down, 89, 60)]
    public void Rounding_is_configurable(HoursRounding rounding, int served, int credited) =>
        Assert.Equal(credited, Credit(120, 0, served, new HoursOptions { Rounding = rounding }).CreditedMinutes);

    [Theory]
    [InlineData(15, 119, 105)]
    [InlineData(60, 119, 60)]
    [InlineData(1, 119, 119)]
    public void The_step_is_configurable(int step, int served, int credited) =>
        Assert.Equal(credited, Credit(120, 0, served, new HoursOptions { Step = TimeSpan.FromMinutes(step) }).CreditedMinutes);

    [Theory]
    [InlineData(0.75, 89, 0)]
    [InlineData(0.75, 90, 90)]
    [InlineData(0.25, 30, 30)]
    [InlineData(1.0, 119, 0)]
    [InlineData(1.0, 120, 120)]
    public void The_threshold_is_configurable(double minimum, int served, int credited) =>
        Assert.Equal(credited, Credit(120, 0, served, new HoursOptions { MinimumAttendance = minimum }).CreditedMinutes);

    [Fact]
    public void A_session_that_ends_before_it_starts_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => HoursRules.Credit(s_start, s_start, s_start, s_start, new HoursOptions()));

    [Theory]
    [InlineData(90, 1.5)]
    [InlineData(0, 0)]
    [InlineData(20, 0.33)]
    public void Minutes_read_as_hours(int minutes, double hours) => Assert.Equal((decimal)hours, HoursRules.ToHours(minutes));

    [Fact]
    public void The_defaults_are_the_ones_in_the_contract_and_the_decision()
    {
        var options = new HoursOptions();
        Assert.Equal(TimeSpan.FromMinutes(30), options.Step);
        Assert.Equal(HoursRounding.Down, options.Rounding);
        Assert.Equal(0.5, options.MinimumAttendance);
        Assert.Equal(TimeSpan.FromMinutes(30), options.CheckInOpensBefore);
        Assert.Equal(TimeSpan.FromMinutes(30), options.CheckOutGrace);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData(7, 0.5)]     // 7 minutes do not divide an hour
    [InlineData(0, 0.5)]     // no step
    [InlineData(30, 0)]      // no threshold
    [InlineData(30, 1.5)]    // more than the session
    public void Bad_settings_are_refused_at_start(int stepMinutes, double minimum) =>
        Assert.NotEmpty(Validate(new HoursOptions { Step = TimeSpan.FromMinutes(stepMinutes), MinimumAttendance = minimum }));

    [Fact]
    public void An_unknown_rounding_is_refused_at_start() =>
        Assert.NotEmpty(Validate(new HoursOptions { Rounding = (HoursRounding)7 }));

    private static List<ValidationResult> Validate(HoursOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0)
        {
            results.AddRange(options.Validate(new ValidationContext(options)));
        }

        return results;
    }
}
