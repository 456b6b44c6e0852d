namespace GongTongDizao.Core.Features.Notifications;

/// <summary>One message on the <c>deliveries</c> queue: one recipient of one event.</summary>
public sealed record DeliveryMessage
{
    public required string EventId { get; init; }

    public required string UserId { get; init; }

    public required string TemplateKey { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public string? Page { get; init; }

    public required NotificationContent Content { get; init; }

    public string? BroadcastId { get; init; }

    /// <summary>
    /// The fan-out read this person's quota and found a unit or subscription (a broadcast page reads them all at once),
    /// so the claim does not look again; taking the unit still decides, under the ETag, and skips if it is gone.
    /// </summary>
    public bool QuotaSeen { get; init; }
}
