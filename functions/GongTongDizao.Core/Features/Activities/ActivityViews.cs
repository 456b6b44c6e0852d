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

/// <summary>A line of the public list.</summary>
public sealed record ActivitySummary(string Id, string Title, ActivityKind Kind, ActivityPlace Place, string OrganiserName, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int SessionCount);

public sealed record ActivityPage(IReadOnlyList<ActivitySummary> Items, string? Continuation);

/// <summary>The organiser's list of a session's sign-ups (person ids, not names: names stay with the profile).</summary>
public sealed record RosterEntryView(SignUpView SignUp, string UserId);

public sealed record RosterView(string ActivityId, string SessionId, IReadOnlyList<RosterEntryView> SignUps);

public static class ActivityViews
{
    public static ActivitySummary Summary(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new(activity.Id, activity.Title, activity.Kind, activity.Place, activity.Organiser.Name, activity.StartsAt, activity.EndsAt, activity.Sessions.Count);
    }

    public static ActivityView View(Activity activity, IReadOnlyList<SessionRoster> rosters, string callerId, bool canManage)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(rosters);
        var byId = rosters.ToDictionary(r => r.SessionId, StringComparer.Ordinal);
        var sessions = activity.Sessions.Select(s => byId.TryGetValue(s.Id, out var r)
            ? new SessionView(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.VolunteerPlaces, SeatRules.SeatsLeft(r, SignUpRole.Participant), SeatRules.SeatsLeft(r, SignUpRole.Volunteer), SeatRules.Waiting(r, SignUpRole.Participant), SeatRules.Waiting(r, SignUpRole.Volunteer))
            : new SessionView(s.Id, s.StartsAt, s.EndsAt, s.Capacity, s.VolunteerPlaces, s.Capacity, s.VolunteerPlaces, 0, 0));
        var mine = rosters.SelectMany(r => r.SignUps.Where(s => s.UserId == callerId).Select(s => SignUp(r, s)));
        return new ActivityView(
            activity.Id, activity.Title, activity.Kind, activity.Description, activity.Place, activity.Organiser, [.. sessions],
            activity.SignUpOpensAt, activity.SignUpClosesAt, activity.CancelCutoffHours, activity.Eligibility, activity.NeedsApproval,
            activity.Terms, activity.TopicId, activity.Status, [.. mine], canManage);
    }

    public static SignUpView SignUp(SessionRoster roster, SignUp signUp)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(signUp);
        return new(signUp.Id, roster.SessionId, signUp.Role, signUp.Status, signUp.Child, SeatRules.WaitlistPosition(roster, signUp), signUp.Sequence, signUp.SignedUpAt,
            signUp.Status == SignUpStatus.Offered ? signUp.OfferExpiresAt : null);
    }
}
