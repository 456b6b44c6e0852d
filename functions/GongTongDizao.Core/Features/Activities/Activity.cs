using System.Text.Json.Serialization;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// An activity (志愿公益集市, 假日托管, 青年面对面, a women's group meeting, a screening, a topic's deed) in the activities
/// container (partition key = id). It holds what residents read and the rules of signing up; the sign-ups themselves
/// live in one <see cref="SessionRoster"/> per session (rosters container), so a sign-up never rewrites the activity.
/// </summary>
public sealed record Activity : IAggregate<Activity>
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required ActivityKind Kind { get; init; }

    public required string Description { get; init; }

    /// <summary>A governance node (community, estate or street) and the address as written.</summary>
    public required ActivityPlace Place { get; init; }

    /// <summary>The place's node and its ancestors: the list by node and staff scope read it.</summary>
    public IReadOnlyList<string> OrgPath { get; init; } = [];

    public required ActivityOrganiser Organiser { get; init; }

    /// <summary>In start order; ids "s1", "s2"… are stable (the roster of a session is <c>&lt;activityId&gt;~&lt;sessionId&gt;</c>).</summary>
    public required IReadOnlyList<ActivitySession> Sessions { get; init; }

    public required DateTimeOffset SignUpOpensAt { get; init; }

    public required DateTimeOffset SignUpClosesAt { get; init; }

    /// <summary>Cancelling later than this before a session's start is recorded as late (cancelled_late).</summary>
    public required int CancelCutoffHours { get; init; }

    public ActivityEligibility Eligibility { get; init; } = new();

    /// <summary>Sign-ups wait for the organiser (pending_approval, holding a seat) before they count as registered.</summary>
    public bool NeedsApproval { get; init; }

    /// <summary>Terms every sign-up accepts (the time of acceptance is kept on the sign-up); null: none.</summary>
    public string? Terms { get; init; }

    /// <summary>The topic whose deed (实事) this activity delivers: its followers are told when the activity is published.</summary>
    public string? TopicId { get; init; }

    /// <summary>WeChat asked for a human look at the text: not listed publicly until staff in scope clear it.</summary>
    public bool ContentHeld { get; init; }

    public ActivityStatus Status { get; init; } = ActivityStatus.Published;

    /// <summary>When the organiser cancelled the whole activity: sessions not ended by then are cancelled, earlier ones keep their records.</summary>
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>The organiser's reason (zh-CN, checked as staff text), shown in the detail and the list.</summary>
    public string? CancelReason { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The end of the last session (the upcoming filter and the numbers' period read it).</summary>
    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>The start of the first session.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    string IAggregate<Activity>.PartitionKey => Id;

    public Activity WithOutbox(IReadOnlyList<DomainEvent> outbox) => this with { Outbox = outbox };

    public ActivitySession? Session(string sessionId) => Sessions.FirstOrDefault(s => s.Id == sessionId);
}

/// <summary>What an activity is; written snake_case_lower. The four Women* kinds are the women's groups (公益、服务、互助、文体).</summary>
public enum ActivityKind
{
    /// <summary>志愿公益集市.</summary>
    VolunteerMarket,

    /// <summary>假日托管: participants are children signed up by a guardian (name and age only).</summary>
    HolidayChildcare,

    /// <summary>青年面对面.</summary>
    YouthFaceToFace,
    WomenPublicWelfare,
    WomenService,
    WomenMutualAid,
    WomenCultureSports,

    /// <summary>"两癌" free screening.</summary>
    Screening,

    /// <summary>A deed (实事) decided by a topic and delivered by residents (民事民办).</summary>
    Deed,
    Other,
}

public enum ActivityStatus
{
    Published,
    Cancelled,
}

public sealed record ActivityPlace(string OrgId, string Address);

/// <summary>A team (from Features/Volunteers; its leaders manage the activity) or staff in scope of the place.</summary>
public sealed record ActivityOrganiser(ActivityOrganiserKind Kind, string? TeamId, string Name);

public enum ActivityOrganiserKind
{
    Team,
    Staff,
}

/// <summary>
/// One session. <see cref="Capacity"/> counts participants (people served; children for childcare), <see cref="VolunteerPlaces"/>
/// volunteers who serve and earn hours; 0 means the session takes no sign-ups of that role.
/// </summary>
public sealed record ActivitySession(string Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int VolunteerPlaces);

/// <summary>
/// Who may sign up. Communities and the age range bind participants (a participant states a birth year only when
/// there is a range); volunteers are checked against their volunteer profile (14–17 with guardian consent, never
/// under 14) and the age range. Women-only: the person declares it at sign-up (nothing else about sex is stored).
/// </summary>
public sealed record ActivityEligibility
{
    /// <summary>Communities whose residents (home community) may sign up as participants; empty: anyone.</summary>
    public IReadOnlyList<string> CommunityIds { get; init; } = [];

    public int? MinAge { get; init; }

    public int? MaxAge { get; init; }

    public bool WomenOnly { get; init; }

    /// <summary>Childcare: the children's age range (inclusive).</summary>
    public int? ChildMinAge { get; init; }

    public int? ChildMaxAge { get; init; }
}
