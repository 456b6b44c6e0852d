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
        ArgumentNullException.ThrowIfNull(notice);
        await inbox.TryCreateAsync(InboxItemFor(notice, userId), cancellationToken);
        await deliveries.SendAsync(DeliveryFor(notice, userId), delay: null, cancellationToken);
    }

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
