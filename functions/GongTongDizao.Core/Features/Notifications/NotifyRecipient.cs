using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Tells one recipient of a notice: the inbox item (its id comes from the event, so a redelivered event creates
/// nothing twice) and its delivery: recorded skipped at once when the person holds no quota for the template
/// (<see cref="DeliveryClaim.SettleWithoutQuotaAsync"/>), else one delivery message (queued again harmlessly: the
/// delivery record lets only one send).
/// </summary>
public class NotifyRecipient(InboxStore inbox, DeliveryQueue deliveries, DeliveryClaim claims, IOptions<NotificationsOptions> options, TimeProvider time)
{
    public virtual async Task NotifyAsync(Notice notice, string userId, CancellationToken cancellationToken)
    {
        // The inbox item and the quota look do not depend on each other; the message waits for both.
        var told = TellInboxAsync(notice, userId, cancellationToken);
        var settling = claims.SettleWithoutQuotaAsync(DeliveryFor(notice, userId), cancellationToken);
        await Task.WhenAll(told, settling);
        if (await settling is { } delivery)
        {
            await QueueDeliveryAsync(delivery, cancellationToken);
        }
    }

    /// <summary>The inbox item (nothing when the person has it already).</summary>
    public virtual Task TellInboxAsync(Notice notice, string userId, CancellationToken cancellationToken) =>
        inbox.TryCreateAsync(InboxItemFor(notice, userId), cancellationToken);

    /// <summary>The delivery message as given (the delivery record lets only one of several send).</summary>
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
