using GongTongDizao.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What one page of a broadcast came to: recipients told, and of them those recorded skipped (no quota).</summary>
public sealed record PageTally(int Reached, int Skipped);

/// <summary>
/// Tells the residents of one page of a broadcast who opted in. The page's preferences and quotas are read in one
/// query each (two round trips a page instead of two a recipient). A recipient who may receive a WeChat message now
/// gets the inbox item and, beside it, a delivery message; one without a unit or subscription gets the inbox item
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
        var skippedNow = 0;
        await Parallel.ForEachAsync(
            candidates.Where(wants.Contains),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.FanOutParallelism, CancellationToken = cancellationToken },
            async (userId, ct) =>
            {
                if (mayReceive.Contains(userId))
                {
                    // The inbox item and the delivery message do not depend on each other: one round trip's wait, not two.
                    await Task.WhenAll(notify.TellInboxAsync(notice, userId, ct), notify.QueueDeliveryAsync(NotifyRecipient.DeliveryFor(notice, userId) with { QuotaSeen = true }, ct));
                }
                else if (await TellSkippedAsync(notice, userId, page, ct) is { Recorded: true } told)
                {
                    Interlocked.Increment(ref skipped);
                    if (told.Now)
                    {
                        Interlocked.Increment(ref skippedNow);
                    }
                }

                Interlocked.Increment(ref reached);
            });
        if (skippedNow > 0)
        {
            telemetry.NotificationDelivery("skipped", notice.Route.TemplateKey, skippedNow);
        }

        return new PageTally(reached, skipped);
    }

    /// <summary>The inbox item with the skipped delivery on it: whether this page recorded the skip, and whether it did so now rather than in an earlier try of the same page.</summary>
    private async Task<(bool Recorded, bool Now)> TellSkippedAsync(Notice notice, string userId, int page, CancellationToken cancellationToken)
    {
        var item = notify.InboxItemFor(notice, userId) with
        {
            SkippedDelivery = new SkippedDelivery(notice.Route.TemplateKey, "no_quota", notice.BroadcastId!, page),
        };
        if (await inbox.TryCreateAsync(item, cancellationToken))
        {
            return (true, true);
        }

        return (await inbox.FindAsync(userId, item.Id, cancellationToken) is { SkippedDelivery.FanOutPage: var recordedBy } && recordedBy == page, false);
    }
}
