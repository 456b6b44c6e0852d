using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>One notification in a person's in-app inbox.</summary>
public sealed record InboxItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.Inbox;

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public required string OrgId { get; init; }

    public required string Title { get; init; }

    public string? Summary { get; init; }

    public string? Page { get; init; }

    public bool Read { get; init; }

    public DateTimeOffset? ReadAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// For a broadcast recipient without a unit or subscription for the template: the WeChat delivery, skipped, recorded
    /// in the same write as the item instead of as a delivery record of its own (one write, not two, for most of a large
    /// audience). Null for everyone else, whose delivery has its <see cref="DeliveryRecord"/>.
    /// </summary>
    public SkippedDelivery? SkippedDelivery { get; init; }

    /// <summary>Seconds until Cosmos removes it.</summary>
    public int? Ttl { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

/// <summary>
/// A broadcast's delivery that the fan-out skipped (<see cref="Reason"/> <c>no_quota</c>), and the page whose fan-out
/// recorded it, so a page handled again counts what an earlier try of the same page wrote.
/// </summary>
public sealed record SkippedDelivery(string TemplateKey, string Reason, string BroadcastId, int FanOutPage);
