using System.Text.Json.Serialization;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Attachments;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// An order (青年点单) in the orders container (partition key = the community it is for). Its id starts with that
/// community (<c>&lt;communityId&gt;~&lt;guid&gt;</c>), so reading it by id is one point read, as for letters.
/// </summary>
public sealed record Order : IAggregate<Order>
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string CommunityId { get; init; }

    /// <summary>The community and its ancestors: the office in scope and the teams whose node covers it are found on it.</summary>
    public IReadOnlyList<string> OrgPath { get; init; } = [];

    /// <summary>Who placed it: a resident, or the staff member who placed it for a resident (代点单); a pseudonym after deletion.</summary>
    public required string RequesterId { get; init; }

    /// <summary>Set when staff placed the order for a resident without a phone: who it is for, as they gave it.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>A code of the service menu (<see cref="OrderMenu"/>), active when the order was placed.</summary>
    public required string Category { get; init; }

    /// <summary>The category's name when the order was placed: a later rename or retirement leaves the order as the resident placed it.</summary>
    public string? CategoryLabel { get; init; }

    /// <summary>The name to show: as placed, or for orders placed before they carried it, the built-in name.</summary>
    public string CategoryName() => CategoryLabel ?? OrderCategories.DefaultLabel(Category);

    public required string Title { get; init; }

    public required string Details { get; init; }

    /// <summary>Down to the building: the org node (estate or building) and the rest of the address as written.</summary>
    public required OrderPlace Place { get; init; }

    public required DateTimeOffset WantedFrom { get; init; }

    public required DateTimeOffset WantedTo { get; init; }

    /// <summary>How to reach the resident: shown only to the team that took the order, only while it is taken.</summary>
    public required OrderContact Contact { get; init; }

    public IReadOnlyList<AttachmentRef> Attachments { get; init; } = [];

    /// <summary>WeChat asked for a human look (or could not answer): the office reads it before approving; no team sees it before.</summary>
    public bool ContentHeld { get; init; }

    public required OrderStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The team it is dispatched to (dispatched) or that took it (taken and after).</summary>
    public OrderTeamRef? Team { get; init; }

    /// <summary>The volunteers the leader named when taking it.</summary>
    public IReadOnlyList<OrderVolunteer> Volunteers { get; init; } = [];

    /// <summary>When an offered order goes back to the office if nobody takes it.</summary>
    public DateTimeOffset? TakeBy { get; init; }

    public OrderDelivery? Delivery { get; init; }

    public OrderRating? Rating { get; init; }

    public OrderClosure? Closure { get; init; }

    /// <summary>The office's reason (rejection) or review note (closing after a low rating or a return): the resident sees it.</summary>
    public string? OfficeNote { get; init; }

    public OrderMetrics Metrics { get; init; } = new();

    public IReadOnlyList<OrderStep> Timeline { get; init; } = [];

    public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    string IAggregate<Order>.PartitionKey => CommunityId;

    public Order WithOutbox(IReadOnlyList<DomainEvent> outbox) => this with { Outbox = outbox };
}

public sealed record OrderPlace(string OrgId, string Address);

/// <summary>
/// How to reach the requester, as stored: the phone sealed with <see cref="Auth.FieldProtector"/> like the account's
/// phone (see <see cref="OrderContactSeal"/>); after deletion both fields hold plain markers.
/// </summary>
public sealed record OrderContact(string Name, string PhoneProtected);

public sealed record OrderTeamRef(string TeamId, string Name);

public sealed record OrderVolunteer(string UserId, string DisplayName);

public sealed record OrderDelivery(string Note, IReadOnlyList<AttachmentRef> Attachments, DateTimeOffset At, string ByUserId);

public sealed record OrderRating(int Stars, string? Comment, DateTimeOffset At)
{
    /// <summary>WeChat asked for a human look at the comment: the team does not see it.</summary>
    public bool CommentHeld { get; init; }
}

/// <summary>One status step: it names the actor's part, never a person.</summary>
public sealed record OrderStep(OrderStatus Status, OrderAction? Action, OrderActor Actor, DateTimeOffset At, string? Note = null);

/// <summary>Facts for the league's numbers, fixed the first time they happen (a re-dispatch does not rewrite them).</summary>
public sealed record OrderMetrics
{
    public bool Approved { get; init; }

    public bool Rejected { get; init; }

    /// <summary>Dispatched to a named team at least once (the dispatch rate counts these).</summary>
    public bool Dispatched { get; init; }

    public bool Pooled { get; init; }

    /// <summary>When it was first offered to teams: time to take is measured from here.</summary>
    public DateTimeOffset? OfferedAt { get; init; }

    public long? TakeSeconds { get; init; }

    public DateTimeOffset? TakenAt { get; init; }

    public long? DeliverSeconds { get; init; }

    /// <summary>Delivered by the end of the time window the resident asked for.</summary>
    public bool DeliveredOnTime { get; init; }

    public bool Delivered { get; init; }

    public int? Stars { get; init; }
}
