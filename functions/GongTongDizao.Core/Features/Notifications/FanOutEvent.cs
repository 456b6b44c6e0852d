using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Orgs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The <c>events</c> queue consumer: resolves the audience and tells each recipient (<see cref="NotifyRecipient"/>:
/// inbox item and delivery), in parallel but never holding the audience. Idempotent by (event id, recipient).
/// Exceptions propagate so the queue retries and finally poisons the message.
/// </summary>
public sealed partial class FanOutEvent(
    AudienceResolver audiences,
    OrgDirectory orgs,
    NotifyRecipient notify,
    BroadcastStore broadcasts,
    IOptions<NotificationsOptions> options,
    ILogger<FanOutEvent> logger)
{
    public async Task<int> HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (EventRoutes.Find(domainEvent.Type) is not { } route)
        {
            LogUnknownEvent(logger, domainEvent.Type, domainEvent.Id);
            return 0;
        }

        var org = await orgs.FindAsync(domainEvent.OrgId, cancellationToken);
        var notice = Notice.For(domainEvent, route, org?.Name);
        var audience = await audiences.ResolveAsync(domainEvent, cancellationToken);

        var recipients = 0;
        await Parallel.ForEachAsync(
            audience.Candidates,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.FanOutParallelism, CancellationToken = cancellationToken },
            async (userId, ct) =>
            {
                if (userId == domainEvent.ActorId || (audience.Accepts is { } accepts && !await accepts(userId, ct)))
                {
                    return;
                }

                await notify.NotifyAsync(notice, userId, ct);
                Interlocked.Increment(ref recipients);
            });

        if (notice.BroadcastId is { } broadcastId)
        {
            await broadcasts.SetRecipientsAsync(broadcastId, recipients, cancellationToken);
        }

        LogFannedOut(logger, domainEvent.Type, domainEvent.Id, recipients);
        return recipients;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} ({EventId}) has no notification route; ignored")]
    private static partial void LogUnknownEvent(ILogger logger, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventType} ({EventId}) notified {Recipients} recipient(s)")]
    private static partial void LogFannedOut(ILogger logger, string eventType, string eventId, int recipients);
}
