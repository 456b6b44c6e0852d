using GongTongDizao.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What one page of a broadcast came to: recipients told, and of them those recorded skipped (no quota).</summary>
public sealed record PageTally(int Reached, int Skipped);

/// <summary>
/// Tells the residents of one page of a broadcast who opted in: the inbox item, and either a delivery message (a
/// recipient who may receive a WeChat message now) or, for one without a unit or subscription, the delivery record
/// written skipped right here, with no queue round trip. The page's preferences and quotas are read in one query each
/// (two round trips a page instead of two a recipient); each recipient's two writes go out together. Ids come from
/// the event, so a page handled again writes nothing twice; a skip recorded by an earlier try of the same page (a
/// crash before the page was saved) is counted again, and only the try whose progress save wins adds the tally.
/// </summary>
public sealed class BroadcastPage(
    NotificationPreferences preferences,
    NotifyRecipient notify,
    SubscriptionQuotas quotas,
    DeliveryStore deliveries,
    AppEvents telemetry,
    IOptions<NotificationsOptions> options)
{
    public async Task<PageTally> TellAsync(Notice notice, BroadcastAudience audience, IReadOnlyList<string> userIds, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(userIds);
        var candidates = userIds.Where(id => id != notice.Event.ActorId).ToList();
        var wanting = preferences.WhoWantsAsync(candidates, audience, cancellationToken);
        var receiving = quotas.WhoMayReceiveAsync(candidates, notice.Route.TemplateKey, cancellationToken);
        await Task.WhenAll(wanting, receiving);
        var (wants, mayReceive) = (await wanting, await receiving);

        var reached = 0;
        var skipped = 0;
        await Parallel.ForEachAsync(
            candidates.Where(wants.Contains),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.FanOutParallelism, CancellationToken = cancellationToken },
            async (userId, ct) =>
            {
                // The inbox item and the delivery step do not depend on each other: one round trip's wait, not two.
                var inbox = notify.TellInboxAsync(notice, userId, ct);
                if (mayReceive.Contains(userId))
                {
                    await Task.WhenAll(inbox, notify.QueueDeliveryAsync(NotifyRecipient.DeliveryFor(notice, userId) with { QuotaSeen = true }, ct));
                }
                else
                {
                    var recorded = RecordSkippedAsync(notice, userId, page, ct);
                    await Task.WhenAll(inbox, recorded);
                    if (await recorded)
                    {
                        Interlocked.Increment(ref skipped);
                    }
                }

                Interlocked.Increment(ref reached);
            });
        return new PageTally(reached, skipped);
    }

    /// <summary>True when this page recorded the skip, now or in an earlier try of the same page.</summary>
    private async Task<bool> RecordSkippedAsync(Notice notice, string userId, int page, CancellationToken cancellationToken)
    {
        var record = DeliveryClaim.NewRecord(NotifyRecipient.DeliveryFor(notice, userId), DeliveryStatus.Skipped, "no_quota", notice.Event.OccurredAt, options.Value.DeliveryRetention) with { FanOutPage = page };
        if (await deliveries.TryCreateUnechoedAsync(record, cancellationToken))
        {
            telemetry.NotificationDelivery("skipped", record.TemplateKey);
            return true;
        }

        return await deliveries.FindAsync(userId, record.Id, cancellationToken) is { FanOutPage: { } recordedBy } && recordedBy == page;
    }
}
