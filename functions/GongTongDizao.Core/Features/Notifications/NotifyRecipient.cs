using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Tells one recipient of a notice: the inbox item (its id comes from the event, so a redelivered event creates
/// nothing twice) and one delivery message (queued again harmlessly: the delivery record lets only one send).
/// </summary>
public class NotifyRecipient(InboxStore inbox, DeliveryQueue deliveries, IOptions<NotificationsOptions> options, TimeProvider time)
{
    public virtual async Task NotifyAsync(Notice notice, string userId, CancellationToken cancellationToken)
    {
        await TellInboxAsync(notice, userId, cancellationToken);
        await QueueDeliveryAsync(notice, userId, cancellationToken);
    }

    /// <summary>The inbox item (nothing when the person has it already).</summary>
    public virtual Task TellInboxAsync(Notice notice, string userId, CancellationToken cancellationToken) =>
        inbox.TryCreateAsync(InboxItemFor(notice, userId), cancellationToken);

    /// <summary>The delivery message (the delivery record lets only one of several send).</summary>
    public virtual Task QueueDeliveryAsync(Notice notice, string userId, CancellationToken cancellationToken) =>
        QueueDeliveryAsync(DeliveryFor(notice, userId), cancellationToken);

    /// <summary>The delivery message as given (e.g. one the fan-out marked <see cref="DeliveryMessage.QuotaSeen"/>).</summary>
    public virtual Task QueueDeliveryAsync(DeliveryMessage message, CancellationToken cancellationToken) =>
        deliveries.SendAsync(message, delay: null, cancellationToken);

    public InboxItem InboxItemFor(Notice notice, string userId)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var domainEvent = notice.Event;
        return new InboxItem
        {
            Id = NotificationKinds.InboxId(domainEvent.Id),
            UserId = userId,
            EventId = domainEvent.Id,
            EventType = domainEvent.Type,
            EntityType = domainEvent.EntityType,
            EntityId = domainEvent.EntityId,
            OrgId = domainEvent.OrgId,
            Title = notice.Title,
            Summary = notice.Summary,
            Page = notice.Page,
            CreatedAt = domainEvent.OccurredAt == default ? time.GetUtcNow() : domainEvent.OccurredAt,
            Ttl = (int)options.Value.InboxRetention.TotalSeconds,
        };
    }

    public static DeliveryMessage DeliveryFor(Notice notice, string userId)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new DeliveryMessage
        {
            EventId = notice.Event.Id,
            UserId = userId,
            TemplateKey = notice.Route.TemplateKey,
            EntityType = notice.Event.EntityType,
            EntityId = notice.Event.EntityId,
            Page = notice.Page,
            Content = notice.Content,
            BroadcastId = notice.BroadcastId,
        };
    }
}
