using GongTongDizao.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What one page of a broadcast came to: recipients told, and of them those recorded skipped (no quota).</summary>
public sealed record PageTally(int Reached, int Skipped);

/// <summary>
/// Tells the residents of one page of a broadcast who opted in: the inbox item, then either a delivery message (a
/// recipient who may receive a WeChat message) or, for one without any quota, the delivery record written skipped
/// right here, with no queue round trip. Ids come from the event, so a page handled again writes nothing twice; a
/// skip recorded by an earlier try of the same page (a crash before the page was saved) is counted again, and only
/// the try whose progress save wins adds the tally.
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
        var reached = 0;
        var skipped = 0;
        await Parallel.ForEachAsync(
            userIds,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.FanOutParallelism, CancellationToken = cancellationToken },
            async (userId, ct) =>
            {
                if (userId == notice.Event.ActorId || !await preferences.WantsAsync(userId, audience, ct))
                {
                    return;
                }

                await notify.TellInboxAsync(notice, userId, ct);
                if (await MayReceiveAsync(notice.Route.TemplateKey, userId, ct))
                {
                    await notify.QueueDeliveryAsync(notice, userId, ct);
                }
                else if (await RecordSkippedAsync(notice, userId, page, ct))
                {
                    Interlocked.Increment(ref skipped);
                }

                Interlocked.Increment(ref reached);
            });
        return new PageTally(reached, skipped);
    }

    /// <summary>As <see cref="DeliveryClaim"/> decides: a long-term template, or any quota document at all, needs the delivery step.</summary>
    private async Task<bool> MayReceiveAsync(string templateKey, string userId, CancellationToken cancellationToken) =>
        options.Value.IsLongTerm(templateKey) || await quotas.FindAsync(userId, templateKey, cancellationToken) is not null;

    /// <summary>True when this page recorded the skip, now or in an earlier try of the same page.</summary>
    private async Task<bool> RecordSkippedAsync(Notice notice, string userId, int page, CancellationToken cancellationToken)
    {
        var record = DeliveryClaim.NewRecord(NotifyRecipient.DeliveryFor(notice, userId), DeliveryStatus.Skipped, "no_quota", notice.Event.OccurredAt, options.Value.DeliveryRetention) with { FanOutPage = page };
        if (await deliveries.TryCreateAsync(record, cancellationToken) is { } created)
        {
            telemetry.NotificationDelivery("skipped", created.TemplateKey);
            return true;
        }

        return await deliveries.FindAsync(userId, record.Id, cancellationToken) is { FanOutPage: { } recordedBy } && recordedBy == page;
    }
}
