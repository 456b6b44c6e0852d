using GongTongDizao.Core.Features.Activities;

namespace GongTongDizao.Core.Tests.Activities;

/// <summary>Rosters and sign-ups for the pure activity rules.</summary>
internal static class ActivityTestData
{
    public static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);

    public static SessionRoster Roster(int capacity, int volunteerPlaces = 0, string activityId = "a000000000000000000000001", string sessionId = "s1", ActivityKind kind = ActivityKind.VolunteerMarket, DateTimeOffset? startsAt = null) => new()
    {
        Id = SessionRoster.IdOf(activityId, sessionId),
        ActivityId = activityId,
        SessionId = sessionId,
        OrgId = "420106001001",
        Kind = kind,
        StartsAt = startsAt ?? Now.AddDays(3),
        EndsAt = (startsAt ?? Now.AddDays(3)).AddHours(2),
        Capacity = capacity,
        VolunteerPlaces = volunteerPlaces,
    };

    public static SignUp Draft(string userId, SignUpRole role = SignUpRole.Participant, ChildDetails? child = null) => new()
    {
        Id = SessionRoster.NewSignUpId("s1"),
        UserId = userId,
        Role = role,
        Child = child,
        Status = SignUpStatus.Waitlisted,
        Sequence = 0,
        SignedUpAt = Now,
    };

    public static SessionRoster Join(SessionRoster roster, params string[] users)
    {
        foreach (var user in users)
        {
            roster = SeatRules.Join(roster, Draft(user), needsApproval: false, Now).Roster;
        }

        return roster;
    }

    public static SignUp Of(SessionRoster roster, string userId) => roster.SignUps.Single(s => s.UserId == userId);
}
