using GongTongDizao.Core.Features.Activities;
using static GongTongDizao.Core.Tests.Activities.ActivityTestData;

namespace GongTongDizao.Core.Tests.Activities;

/// <summary>The numbers on a hand-built set of sessions, counted by hand in the comments.</summary>
public sealed class ActivityStatisticsTests
{
    private static readonly DateTimeOffset s_from = Now.AddDays(-30);
    private static readonly DateTimeOffset s_to = Now;

    [Fact]
    public void The_numbers_match_a_hand_count()
    {
        // Market A, two ended sessions: s1 4+2 places, s2 3 places; market B not yet ended; childcare C 5 places;
        // women's culture-and-sports D and E, women's mutual aid F (no sign-ups); G started before the period; H cancelled.
        var a1 = Session("a1", "s1", ActivityKind.VolunteerMarket, 4, 2,
            (SignUpRole.Participant, SignUpStatus.Attended, false, true),
            (SignUpRole.Participant, SignUpStatus.Attended, true, true),   // waited, got a seat, came
            (SignUpRole.Participant, SignUpStatus.NoShow, false, true),
            (SignUpRole.Participant, SignUpStatus.CancelledLate, false, true),
            (SignUpRole.Participant, SignUpStatus.Waitlisted, true, false), // waited, never got a seat
            (SignUpRole.Volunteer, SignUpStatus.Attended, false, true),
            (SignUpRole.Volunteer, SignUpStatus.NoShow, false, true));
        var a2 = Session("a1", "s2", ActivityKind.VolunteerMarket, 3, 0,
            (SignUpRole.Participant, SignUpStatus.OfferExpired, true, false), // waited, offer lapsed
            (SignUpRole.Participant, SignUpStatus.Attended, false, true));
        var b = Session("b1", "s1", ActivityKind.VolunteerMarket, 10, 0, Now.AddHours(1), (SignUpRole.Participant, SignUpStatus.Registered, false, true));
        var c = Session("c1", "s1", ActivityKind.HolidayChildcare, 5, 1,
            (SignUpRole.Participant, SignUpStatus.Attended, false, true),
            (SignUpRole.Participant, SignUpStatus.NoShow, false, true),
            (SignUpRole.Participant, SignUpStatus.Cancelled, false, true),
            (SignUpRole.Volunteer, SignUpStatus.Attended, false, true));
        var d = Session("d1", "s1", ActivityKind.WomenCultureSports, 2, 0, (SignUpRole.Participant, SignUpStatus.Attended, false, true));
        var e = Session("e1", "s1", ActivityKind.WomenCultureSports, 2, 0);
        var f = Session("f1", "s1", ActivityKind.WomenMutualAid, 2, 0);
        var g = Session("g1", "s1", ActivityKind.VolunteerMarket, 9, 0, s_from.AddDays(-1), (SignUpRole.Participant, SignUpStatus.Attended, false, true));

        // H was cancelled with its activity before it ran: it was not held, so it counts nowhere.
        var h = Session("h1", "s1", ActivityKind.WomenMutualAid, 7, 0, (SignUpRole.Participant, SignUpStatus.ActivityCancelled, false, true)) with { CancelledAt = Now.AddDays(-3) };

        var stats = ActivityStatistics.Compute("420106001001", s_from, s_to, Now, [a1, a2, b, c, d, e, f, g, h]);

        Assert.Equal(5, stats.ActivitiesHeld);                  // a1 (two sessions, counted once), c1, d1, e1, f1; b1 not ended, g1 before the period
        Assert.Equal(6, stats.Sessions);                        // a1/s1, a1/s2, c1, d1, e1, f1
        Assert.Equal(6 + 3 + 6 + 2 + 2 + 2, stats.PlacesOffered); // 21
        Assert.Equal(5 + 1 + 3 + 1, stats.PlacesFilled);        // a1/s1: 3 participants (2 attended, 1 no-show) + 2 volunteers; a1/s2: 1; c1: 2 + 1 volunteer; d1: 1
        Assert.Equal((3, 1), (stats.Waitlisted, stats.WaitlistConverted));
        Assert.Equal(Math.Round(1 / 3.0, 4), stats.WaitlistConversion);
        Assert.Equal(3, stats.NoShows);                         // a1/s1 participant and volunteer, c1 participant
        Assert.Equal(Math.Round(3 / 10.0, 4), stats.NoShowRate); // attended: a1/s1 3, a2 1, c 2, d 1 = 7; 3 / (7 + 3)
        Assert.Equal(2 + 1 + 1 + 1, stats.ParticipantsServed); // attended participants: a1/s1 2, a2 1, c 1, d 1
        Assert.Equal(new ChildcareNumbers(5, 2, 0.4), stats.Childcare);
        Assert.Equal(2, stats.WomenGroupActivitiesByKind["women_culture_sports"]);
        Assert.Equal(1, stats.WomenGroupActivitiesByKind["women_mutual_aid"]);
        Assert.Equal(0, stats.WomenGroupActivitiesByKind["women_service"]);
    }

    private static SessionRoster Session(string activity, string session, ActivityKind kind, int capacity, int volunteerPlaces, params (SignUpRole Role, SignUpStatus Status, bool Waited, bool Seated)[] signUps) =>
        Session(activity, session, kind, capacity, volunteerPlaces, Now.AddDays(-2), signUps);

    private static SessionRoster Session(string activity, string session, ActivityKind kind, int capacity, int volunteerPlaces, DateTimeOffset startsAt, params (SignUpRole Role, SignUpStatus Status, bool Waited, bool Seated)[] signUps) =>
        Roster(capacity, volunteerPlaces, activity, session, kind, startsAt) with
        {
            SignUps = [.. signUps.Select((s, i) => Draft($"u{i}", s.Role) with { Status = s.Status, Sequence = i + 1, WasWaitlisted = s.Waited, RegisteredAt = s.Seated ? startsAt.AddDays(-1) : null })],
        };
}
