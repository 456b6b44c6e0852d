using System.Text.Json.Serialization;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The seat ledger of one session, in the rosters container (partition key = the activity id, id =
/// <c>&lt;activityId&gt;~&lt;sessionId&gt;</c>): every sign-up of the session with its status, the capacity per role and the
/// next arrival number. Every sign-up change is one ETag-conditioned replace of this one document through
/// <c>AggregatePipeline&lt;SessionRoster&gt;</c>, so seats, waiting order and offers are decided together on one read and
/// never more are registered than there are seats, however many sign up at once (0015).
/// </summary>
public sealed record SessionRoster : IAggregate<SessionRoster>
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string ActivityId { get; init; }

    public required string SessionId { get; init; }

    /// <summary>Copied from the activity (the numbers and the timers read the roster alone).</summary>
    public required string OrgId { get; init; }

    public IReadOnlyList<string> OrgPath { get; init; } = [];

    public required ActivityKind Kind { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    public required int Capacity { get; init; }

    public required int VolunteerPlaces { get; init; }

    /// <summary>The arrival number the next sign-up gets (waiting order is by it).</summary>
    public long NextSequence { get; init; } = 1;

    public IReadOnlyList<SignUp> SignUps { get; init; } = [];

    /// <summary>Set when the reminders of the day before went out (a repeated timer sends none).</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>Set when the session's end was processed (no-shows recorded): later timers find nothing to do.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Set when the activity was cancelled before this session ended: its sign-ups are activity_cancelled, its timers do nothing.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>
    /// Places left and who waits, derived from the sign-ups and stored with every write of the roster (a get-only
    /// property is serialised): the public list projects this alone for a page of activities in one query instead of
    /// reading whole rosters (0015). Never read back: it is recomputed from the sign-ups.
    /// </summary>
    public SeatSummary Seats => SeatRules.Summary(this);

    public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    string IAggregate<SessionRoster>.PartitionKey => ActivityId;

    public SessionRoster WithOutbox(IReadOnlyList<DomainEvent> outbox) => this with { Outbox = outbox };

    public static string IdOf(string activityId, string sessionId) => $"{activityId}~{sessionId}";

    public int Places(SignUpRole role) => role == SignUpRole.Volunteer ? VolunteerPlaces : Capacity;

    public SignUp? Find(string signUpId) => SignUps.FirstOrDefault(s => s.Id == signUpId);

    public static string NewSignUpId(string sessionId) => $"{sessionId}-{Guid.NewGuid():N}";

    /// <summary>The session of a sign-up id, or null when it is not one.</summary>
    public static string? SessionOf(string? signUpId) =>
        signUpId?.Split('-') is [{ Length: > 0 and <= 8 } session, { Length: 32 } guid] && guid.All(char.IsAsciiHexDigitLower) ? session : null;
}

/// <summary>
/// One person's (or, for childcare, one child's) sign-up for one session. A guardian's sign-up for a child holds the
/// child's name and age only, never an ID number.
/// </summary>
public sealed record SignUp
{
    /// <summary><c>&lt;sessionId&gt;-&lt;guid N&gt;</c>: the session part finds the roster from the id alone.</summary>
    public required string Id { get; init; }

    /// <summary>The account that signed up (the guardian for a child); a pseudonym after deletion.</summary>
    public required string UserId { get; init; }

    public required SignUpRole Role { get; init; }

    /// <summary>
    /// The name the organiser's list shows, taken at sign-up: a volunteer's real name from the volunteer profile (what a
    /// service record carries), otherwise the account's display name; "已注销" after deletion.
    /// </summary>
    public string? Name { get; init; }

    public ChildDetails? Child { get; init; }

    /// <summary>Only when the activity has an age range and the person is a participant (volunteers' age comes from their profile).</summary>
    public int? BirthYear { get; init; }

    /// <summary>Only for women-only activities: the person declared she is a woman.</summary>
    public bool? DeclaredWoman { get; init; }

    /// <summary>When the activity's terms were accepted (null: the activity has none).</summary>
    public DateTimeOffset? TermsAcceptedAt { get; init; }

    public required SignUpStatus Status { get; init; }

    /// <summary>Arrival order in the session (all roles share one counter); the waiting list is ordered by it.</summary>
    public required long Sequence { get; init; }

    public required DateTimeOffset SignedUpAt { get; init; }

    /// <summary>Was on the waiting list at some point (waitlist conversion counts those who then got a seat).</summary>
    public bool WasWaitlisted { get; init; }

    /// <summary>Held a registered seat at some point (the numbers' "filled" counts these).</summary>
    public DateTimeOffset? RegisteredAt { get; init; }

    public DateTimeOffset? OfferedAt { get; init; }

    /// <summary>An offered seat must be confirmed by then (Activities:OfferTimeout) or it goes to the next one waiting.</summary>
    public DateTimeOffset? OfferExpiresAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>The organiser's reason when declining.</summary>
    public string? DeclineReason { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }
}

public sealed record ChildDetails(string Name, int Age);

public enum SignUpRole
{
    Volunteer,
    Participant,
}

/// <summary>Where a sign-up is; written snake_case_lower (pending_approval, cancelled_late, offer_expired, no_show).</summary>
public enum SignUpStatus
{
    /// <summary>Holds a seat.</summary>
    Registered,

    /// <summary>No seat: waits in arrival order.</summary>
    Waitlisted,

    /// <summary>A freed seat is held for this person until they confirm or the offer expires.</summary>
    Offered,

    /// <summary>Holds a seat; the organiser confirms (registered) or declines.</summary>
    PendingApproval,
    Declined,
    Cancelled,

    /// <summary>Cancelled after the activity's cut-off before the session.</summary>
    CancelledLate,

    /// <summary>Did not confirm an offered seat in time.</summary>
    OfferExpired,

    /// <summary>Registered, and no check-in by the session's end.</summary>
    NoShow,

    /// <summary>Registered and checked in (as recorded by the attendance of #25's check-in) by the session's end.</summary>
    Attended,

    /// <summary>Held or waited for a seat when the organiser cancelled the whole activity.</summary>
    ActivityCancelled,
}

/// <summary>Places left per role (0 once the session is closed or cancelled) and whether anyone waits.</summary>
public sealed record SeatSummary(int SeatsLeft, int VolunteerSeatsLeft, bool WaitingList, bool VolunteerWaitingList);

/// <summary>Statuses that hold a seat of the session.</summary>
public static class SignUpStatuses
{
    public static bool HoldsSeat(SignUpStatus status) =>
        status is SignUpStatus.Registered or SignUpStatus.Offered or SignUpStatus.PendingApproval;

    /// <summary>Still counts as signing up for the session (a second sign-up of the same person and child is refused).</summary>
    public static bool IsActive(SignUpStatus status) => HoldsSeat(status) || status == SignUpStatus.Waitlisted;
}
