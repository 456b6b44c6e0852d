using GongTongDizao.Core.Telemetry;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What one page of a broadcast came to: recipients told, and of them those recorded skipped (no quota).</summary>
public sealed record PageTally(int Reached, int Skipped);

/// <summary>
/// Tells the residents of one page of a broadcast who opted in. The page's preferences and quotas are read in one
/// query each (two round trips a page instead of two a recipient). Recipients who may receive a WeChat message now
/// get their inbox items and then their deliveries, queued in batches (<see cref="DeliveryBatch"/>); one without a unit or subscription gets the inbox item
/// with the skipped delivery recorded on it (<see cref="SkippedDelivery"/>): one write, no queue round trip, no
/// delivery record of its own. Ids come from the event, so a page handled again writes nothing twice; a skip recorded
/// by an earlier try of the same page (a crash before the page was saved) is counted again, and only the try whose
/// progress save wins adds the tally.
/// </summary>
public sealed class BroadcastPage(
    NotificationPreferences preferences,
    NotifyRecipient notify,
    SubscriptionQuotas quotas,
    InboxStore inbox,
    DeliveryQueue deliveries,
    AppEvents telemetry)
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

        // Every write of the page at once: the bulk client packs them into batches per partition key range and
        // paces the batches itself (congestion control on throttling), so the page needs no limit of its own.
        var recipients = candidates.Where(wants.Contains).ToLookup(mayReceive.Contains);
        var receivers = recipients[true].ToList();
        var receivingTold = TellReceivingAsync(notice, receivers, cancellationToken);
        var told = await Task.WhenAll(recipients[false].Select(userId => TellSkippedAsync(notice, userId, page, cancellationToken)));
        await receivingTold;
        var skipped = told.Count(t => t.Recorded);
        var skippedNow = told.Count(t => t.Now);
        if (skippedNow > 0)
        {
            telemetry.NotificationDelivery("skipped", notice.Route.TemplateKey, skippedNow);
        }

        return new PageTally(receivers.Count + told.Length, skipped);
    }

    /// <summary>
    /// The inbox items, then the deliveries, a batch message for up to <see cref="DeliveryBatch.MaxRecipients"/> of them.
    /// In that order: a delivery queued before its inbox item is stored could be sent, and counted, before a crash, and
    /// the page's next try, finding the unit spent, would write the item with a skip on it and count the recipient a
    /// second time.
    /// </summary>
    private async Task TellReceivingAsync(Notice notice, IReadOnlyList<string> userIds, CancellationToken cancellationToken)
    {
        await Task.WhenAll(userIds.Select(userId => inbox.TryCreateInBulkAsync(notify.InboxItemFor(notice, userId), cancellationToken)));
        await Task.WhenAll(DeliveryBatch.For(notice, userIds).Select(batch => deliveries.SendAsync(batch, cancellationToken)));
    }

    /// <summary>The inbox item with the skipped delivery on it: whether this page recorded the skip, and whether it did so now rather than in an earlier try of the same page.</summary>
    private async Task<(bool Recorded, bool Now)> TellSkippedAsync(Notice notice, string userId, int page, CancellationToken cancellationToken)
    {
        var item = notify.InboxItemFor(notice, userId) with
        {
            SkippedDelivery = new SkippedDelivery(notice.Route.TemplateKey, "no_quota", notice.BroadcastId!, page),
        };
        if (await inbox.TryCreateInBulkAsync(item, cancellationToken))
        {
            return (true, true);
        }

        return (await inbox.FindAsync(userId, item.Id, cancellationToken) is { SkippedDelivery.FanOutPage: var recordedBy } && recordedBy == page, false);
    }
}
