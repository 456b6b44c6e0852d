using GongTongDizao.Core.Features.Volunteers;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.Core.Tests.Orders;

/// <summary>The age rules of issue 24: under 14 never serves, 14–17 only with a guardian's consent recorded.</summary>
public sealed class VolunteerAgeTests
{
    // 2026-12-31 20:00 UTC is already 2027-01-01 in Beijing: the China year decides.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(2000, VolunteerEligibility.Eligible)]
    [InlineData(2007, VolunteerEligibility.Eligible)]
    [InlineData(2008, VolunteerEligibility.NeedsGuardianConsent)]
    [InlineData(2011, VolunteerEligibility.NeedsGuardianConsent)]
    [InlineData(2012, VolunteerEligibility.TooYoung)]
    [InlineData(2020, VolunteerEligibility.TooYoung)]
    public void Without_consent_the_youngest_possible_age_decides(int birthYear, VolunteerEligibility expected) =>
        Assert.Equal(expected, VolunteerAge.Check(Profile(birthYear, consent: false), _time.GetUtcNow()));

    [Theory]
    [InlineData(2008, VolunteerEligibility.Eligible)]
    [InlineData(2011, VolunteerEligibility.Eligible)]
    [InlineData(2012, VolunteerEligibility.TooYoung)]
    public void A_guardians_consent_lets_14_to_17_serve_but_never_an_under_14(int birthYear, VolunteerEligibility expected) =>
        Assert.Equal(expected, VolunteerAge.Check(Profile(birthYear, consent: true), _time.GetUtcNow()));

    [Fact]
    public void No_profile_means_no_service()
    {
        Assert.Equal(VolunteerEligibility.NoProfile, VolunteerAge.Check(null, _time.GetUtcNow()));
    }

    [Fact]
    public void The_year_turns_at_Beijing_midnight_not_UTC()
    {
        var newYearInBeijing = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero));

        // Born 2012: in 2026 at least 13 (too young); from Beijing's 2027 at least 14 (a minor).
        Assert.Equal(VolunteerEligibility.TooYoung, VolunteerAge.Check(Profile(2012, consent: true), newYearInBeijing.GetUtcNow().AddHours(-2)));
        Assert.Equal(VolunteerEligibility.Eligible, VolunteerAge.Check(Profile(2012, consent: true), newYearInBeijing.GetUtcNow()));
    }

    private VolunteerProfile Profile(int birthYear, bool consent) => new()
    {
        Id = "u1",
        RealName = "张三",
        PhoneMasked = "138****0000",
        BirthYear = birthYear,
        GuardianConsent = consent ? new GuardianConsent("张父", "父亲", _time.GetUtcNow()) : null,
        CreatedAt = _time.GetUtcNow(),
    };
}
