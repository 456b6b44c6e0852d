namespace GongTongDizao.Core.Features.Activities;

/// <summary>An activity as anyone reads it: the public fields, seats left per session, and the caller's own sign-ups.</summary>
public sealed record ActivityView(
    string Id,
    string Title,
    ActivityKind Kind,
    string Description,
    ActivityPlace Place,
    ActivityOrganiser Organiser,
    IReadOnlyList<SessionView> Sessions,
    DateTimeOffset SignUpOpensAt,
    DateTimeOffset SignUpClosesAt,
    int CancelCutoffHours,
    ActivityEligibility Eligibility,
    bool NeedsApproval,
    string? Terms,
    string? TopicId,
    ActivityStatus Status,
    DateTimeOffset? CancelledAt,
    string? CancelReason,
    IReadOnlyList<SignUpView> MySignUps,
    bool CanManage);

/// <summary>A session with its places and what is left of them (waiting counts those already on the list).</summary>
public sealed record SessionView(
    string Id,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int Capacity,
    int VolunteerPlaces,
    int SeatsLeft,
    int VolunteerSeatsLeft,
    int Waiting,
    int VolunteersWaiting);

/// <summary>One sign-up as its owner (or the organiser) reads it; the waiting position counts from 1.</summary>
public sealed record SignUpView(
    string Id,
    string SessionId,
    SignUpRole Role,
    SignUpStatus Status,
    ChildDetails? Child,
    int? WaitlistPosition,
    long Sequence,
    DateTimeOffset SignedUpAt,
    DateTimeOffset? OfferExpiresAt);

/// <summary>
/// A line of the public list. Cancelled activities stay in it, marked with the reason (someone who saw the market
/// in the list learns why it is gone), with no places left.
/// </summary>
public sealed record ActivitySummary(
    string Id,
    string Title,
    ActivityKind Kind,
    ActivityPlace Place,
    string OrganiserName,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    int SessionCount,
    ActivityStatus Status,
    string? CancelReason,
    IReadOnlyList<SessionSeatsView> Sessions);

/// <summary>A session in the public list: places left per role and whether a waiting list has formed.</summary>
public sealed record SessionSeatsView(string Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int SeatsLeft, int VolunteerSeatsLeft, bool WaitingList, bool VolunteerWaitingList);

public sealed record ActivityPage(IReadOnlyList<ActivitySummary> Items, string? Continuation);

/// <summary>
/// One line of the organiser's list: the sign-up, the person's id and the name taken at sign-up (a volunteer's real
/// name, else the nickname; "已注销" after deletion). Never a phone number or an openid.
/// </summary>
public sealed record RosterEntryView(SignUpView SignUp, string UserId, string? Name);

public sealed record RosterView(string ActivityId, string SessionId, IReadOnlyList<RosterEntryView> SignUps);

public static class ActivityViews
{
    /// <summary>A line of the list with the sessions' seat summaries (a session without one shows its places).</summary>
    public static ActivitySummary Summary(Activity activity, IReadOnlyDictionary<string, SeatSummary> seats)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(seats);
        var cancelled = activity.Status == ActivityStatus.Cancelled;
        var sessions = activity.Sessions.Select(s =>
        {
            var summary = cancelled ? new SeatSummary(0, 0, false, false)
                : seats.GetValueOrDefault(s.Id) ?? new SeatSummary(s.Capacity, s.VolunteerPlaces, false, false);
            return new SessionSeatsView(s.Id, s.StartsAt, s.EndsAt, summary.SeatsLeft, summary.VolunteerSeatsLeft, summary.WaitingList, summary.VolunteerWaitingList);
        });
        return new(activity.Id, activity.Title, activity.Kind, activity.Place, activity.Organiser.Name, activity.StartsAt, activity.EndsAt, activity.Sessions.Count,
            activity.Status, activity.CancelReason, [.. sessions]);
    }

    public static ActivityView View(Activity activity, IReadOnlyList<SessionRoster> rosters, string callerId, bool canManage)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(rosters);
        var byId = rosters.ToDictionary(r => r.SessionId, StringComparer.Ordinal);
        var cancelled = activity.Status == ActivityStatus.Cancelled;
        var sessions = activity.Sessions.Select(s => byId.TryGetValue(s.Id, out var r)
            ? new SessionView(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.VolunteerPlaces, cancelled ? 0 : SeatRules.SeatsLeft(r, SignUpRole.Participant), cancelled ? 0 : SeatRules.SeatsLeft(r, SignUpRole.Volunteer), SeatRules.Waiting(r, SignUpRole.Participant), SeatRules.Waiting(r, SignUpRole.Volunteer))
            : new SessionView(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.VolunteerPlaces, cancelled ? 0 : s.Capacity, cancelled ? 0 : s.VolunteerPlaces, 0, 0));
        var mine = rosters.SelectMany(r => r.SignUps.Where(s => s.UserId == callerId).Select(s => SignUp(r, s)));
        return new ActivityView(
            activity.Id, activity.Title, activity.Kind, activity.Description, activity.Place, activity.Organiser, [.. sessions],
            activity.SignUpOpensAt, activity.SignUpClosesAt, activity.CancelCutoffHours, activity.Eligibility, activity.NeedsApproval,
            activity.Terms, activity.TopicId, activity.Status, activity.CancelledAt, activity.CancelReason, [.. mine], canManage);
    }

    public static SignUpView SignUp(SessionRoster roster, SignUp signUp)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(signUp);
        return new(signUp.Id, roster.SessionId, signUp.Role, signUp.Status, signUp.Child, SeatRules.WaitlistPosition(roster, signUp), signUp.Sequence, signUp.SignedUpAt,
            signUp.Status == SignUpStatus.Offered ? signUp.OfferExpiresAt : null);
    }
}
