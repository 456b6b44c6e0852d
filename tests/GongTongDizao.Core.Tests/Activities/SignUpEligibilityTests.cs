using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Volunteers;
using static GongTongDizao.Core.Tests.Activities.ActivityTestData;

namespace GongTongDizao.Core.Tests.Activities;

public sealed class SignUpEligibilityTests
{
    private static readonly UserAccount s_resident = new() { Id = "u1", OpenId = "o1", HomeCommunityId = "420106001001", CreatedAt = Now };

    [Theory]
    [InlineData(13, false, "VOLUNTEER_TOO_YOUNG")]
    [InlineData(13, true, "VOLUNTEER_TOO_YOUNG")]
    [InlineData(15, false, "GUARDIAN_CONSENT_REQUIRED")]
    [InlineData(15, true, null)]
    [InlineData(30, false, null)]
    public void Volunteers_are_checked_against_their_profile(int age, bool consent, string? code)
    {
        var profile = new VolunteerProfile
        {
            Id = "u1",
            RealName = "志愿者",
            PhoneMasked = "139****0000",
            BirthYear = ChinaTime.YearOf(Now) - age - 1,
            GuardianConsent = consent ? new GuardianConsent("家长", "母亲", Now) : null,
            CreatedAt = Now,
        };

        var result = SignUpEligibility.Check(Activity(), Request(SignUpRole.Volunteer), s_resident, profile, Now);

        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public void A_volunteer_without_a_profile_is_asked_for_one() =>
        Assert.Equal("VOLUNTEER_PROFILE_REQUIRED", SignUpEligibility.Check(Activity(), Request(SignUpRole.Volunteer), s_resident, null, Now).Error?.Code);

    [Fact]
    public void Participants_come_from_the_named_communities()
    {
        var only = Activity() with { Eligibility = new ActivityEligibility { CommunityIds = ["420106008001"] } };

        Assert.Equal("NOT_ELIGIBLE", SignUpEligibility.Check(only, Request(), s_resident, null, Now).Error?.Code);
        Assert.True(SignUpEligibility.Check(only, Request(), s_resident with { HomeCommunityId = "420106008001" }, null, Now).IsSuccess);
    }

    [Fact]
    public void Childcare_takes_a_child_of_the_age_range_and_stores_only_name_and_age()
    {
        var childcare = Activity() with { Kind = ActivityKind.HolidayChildcare, Eligibility = new ActivityEligibility { ChildMinAge = 6, ChildMaxAge = 12 } };

        var noChild = SignUpEligibility.Check(childcare, Request(), s_resident, null, Now);
        var tooYoung = SignUpEligibility.Check(childcare, Request() with { Child = new ChildDetails("小明", 4) }, s_resident, null, Now);
        var ok = SignUpEligibility.Check(childcare, Request() with { Child = new ChildDetails(" 小明 ", 8), BirthYear = 1990 }, s_resident, null, Now);

        Assert.Equal("VALIDATION_FAILED", noChild.Error?.Code);
        Assert.Equal("NOT_ELIGIBLE", tooYoung.Error?.Code);
        Assert.Equal((new ChildDetails("小明", 8), (int?)null, (bool?)null), (ok.Value!.Child, ok.Value.BirthYear, ok.Value.DeclaredWoman));
    }

    [Fact]
    public void Women_only_activities_take_the_persons_declaration_and_keep_it_only_there()
    {
        var screening = Activity() with { Kind = ActivityKind.Screening, Eligibility = new ActivityEligibility { WomenOnly = true, MinAge = 35, MaxAge = 64 } };

        var undeclared = SignUpEligibility.Check(screening, Request() with { BirthYear = 1980 }, s_resident, null, Now);
        var tooYoung = SignUpEligibility.Check(screening, Request() with { IsWoman = true, BirthYear = 2000 }, s_resident, null, Now);
        var ok = SignUpEligibility.Check(screening, Request() with { IsWoman = true, BirthYear = 1980 }, s_resident, null, Now);
        var elsewhere = SignUpEligibility.Check(Activity(), Request() with { IsWoman = true, BirthYear = 1980 }, s_resident, null, Now);

        Assert.Equal(("NOT_ELIGIBLE", "NOT_ELIGIBLE"), (undeclared.Error?.Code, tooYoung.Error?.Code));
        Assert.Equal((true, 1980), (ok.Value!.DeclaredWoman, ok.Value.BirthYear));
        Assert.Equal(((bool?)null, (int?)null), (elsewhere.Value!.DeclaredWoman, elsewhere.Value.BirthYear));
    }

    [Fact]
    public void Terms_must_be_accepted_and_the_time_is_kept()
    {
        var withTerms = Activity() with { Terms = "请准时到场" };

        Assert.Equal("VALIDATION_FAILED", SignUpEligibility.Check(withTerms, Request(), s_resident, null, Now).Error?.Code);
        Assert.Equal(Now, SignUpEligibility.Check(withTerms, Request() with { AcceptTerms = true }, s_resident, null, Now).Value!.TermsAcceptedAt);
    }

    private static SignUpForActivityRequest Request(SignUpRole role = SignUpRole.Participant) => new("s1", role, null, null, null, null);

    private static Activity Activity() => new()
    {
        Id = "a000000000000000000000001",
        Title = "集市",
        Kind = ActivityKind.VolunteerMarket,
        Description = "介绍",
        Place = new ActivityPlace("420106001001", "广场"),
        Organiser = new ActivityOrganiser(ActivityOrganiserKind.Staff, null, "社区"),
        Sessions = [new ActivitySession("s1", Now.AddDays(3), Now.AddDays(3).AddHours(2), 10, 5)],
        SignUpOpensAt = Now.AddDays(-1),
        SignUpClosesAt = Now.AddDays(2),
        CancelCutoffHours = 24,
        CreatedBy = "staff",
        CreatedAt = Now,
        StartsAt = Now.AddDays(3),
        EndsAt = Now.AddDays(3).AddHours(2),
    };
}
