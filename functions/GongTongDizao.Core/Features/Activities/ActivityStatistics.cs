namespace GongTongDizao.Core.Features.Activities;

/// <summary>Childcare (假日托管) places and how many were filled.</summary>
public sealed record ChildcareNumbers(int Places, int Filled, double? FillRate);

/// <summary>
/// The numbers of activities per node and period (sessions that started in it and have ended). Hours and volunteers
/// active are the hours feature's numbers.
/// </summary>
public sealed record ActivityStats(
    string OrgId,
    DateTimeOffset From,
    DateTimeOffset To,
    int ActivitiesHeld,
    int Sessions,
    int PlacesOffered,
    int PlacesFilled,
    int Waitlisted,
    int WaitlistConverted,
    double? WaitlistConversion,
    int NoShows,
    double? NoShowRate,
    int ParticipantsServed,
    ChildcareNumbers Childcare,
    IReadOnlyDictionary<string, int> WomenGroupActivitiesByKind);

/// <summary>
/// The numbers, pure, from the rosters of the sessions. Each rate counts only what it can judge: places filled are
/// seats held at the session's end (registered, attended, no-show); waitlist conversion = sign-ups that waited and
/// then got a seat / sign-ups that waited; no-show rate = no-shows / (attended + no-shows); participants served (人次)
/// = participant sign-ups attended; activities by kind for the four women's groups kinds.
/// </summary>
public static class ActivityStatistics
{
    private static readonly ActivityKind[] s_womenKinds =
        [ActivityKind.WomenPublicWelfare, ActivityKind.WomenService, ActivityKind.WomenMutualAid, ActivityKind.WomenCultureSports];

    public static ActivityStats Compute(string orgId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, IEnumerable<SessionRoster> rosters)
    {
        ArgumentNullException.ThrowIfNull(rosters);
        // A session cancelled with its activity was not held: it counts nowhere.
        var held = rosters.Where(r => r.StartsAt >= from && r.StartsAt < to && r.EndsAt <= now && r.CancelledAt is null).ToList();
        var signUps = held.SelectMany(r => r.SignUps.Select(s => (Roster: r, SignUp: s))).ToList();
        var filled = signUps.Count(x => Fills(x.SignUp.Status));
        var waited = signUps.Where(x => x.SignUp.WasWaitlisted).ToList();
        var converted = waited.Count(x => x.SignUp.RegisteredAt is not null);
        var noShows = signUps.Count(x => x.SignUp.Status == SignUpStatus.NoShow);
        var attended = signUps.Count(x => x.SignUp.Status == SignUpStatus.Attended);
        var childcare = held.Where(r => r.Kind == ActivityKind.HolidayChildcare).ToList();
        var childPlaces = childcare.Sum(r => r.Capacity);
        var childFilled = childcare.Sum(r => r.SignUps.Count(s => s.Role == SignUpRole.Participant && Fills(s.Status)));
        return new ActivityStats(
            orgId,
            from,
            to,
            held.Select(r => r.ActivityId).Distinct(StringComparer.Ordinal).Count(),
            held.Count,
            held.Sum(r => r.Capacity + r.VolunteerPlaces),
            filled,
            waited.Count,
            converted,
            Rate(converted, waited.Count),
            noShows,
            Rate(noShows, attended + noShows),
            signUps.Count(x => x.SignUp.Role == SignUpRole.Participant && x.SignUp.Status == SignUpStatus.Attended),
            new ChildcareNumbers(childPlaces, childFilled, Rate(childFilled, childPlaces)),
            s_womenKinds.ToDictionary(
                k => Orders.OrderCategories.Code(k),
                k => held.Where(r => r.Kind == k).Select(r => r.ActivityId).Distinct(StringComparer.Ordinal).Count()));
    }

    private static bool Fills(SignUpStatus status) => status is SignUpStatus.Registered or SignUpStatus.Attended or SignUpStatus.NoShow;

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
