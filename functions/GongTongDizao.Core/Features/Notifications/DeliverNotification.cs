using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The <c>deliveries</c> queue consumer: sends one subscribe message if the person has a quota for it, step by step:
/// <list type="number">
/// <item><see cref="DeliveryClaim"/>: the delivery record is created (pending, leased) first, for a one-time template
/// in one batch with the unit it spends; a duplicate message stops here, and so does a person without any quota or
/// unit (skipped in one write).</item>
/// <item><see cref="DeliveryQuota"/>: one unit taken once per delivery, however often the send is retried (here only
/// when the claim did not take it: a long-term template, or a record claimed before claims took units).</item>
/// <item><see cref="DeliverySend"/>: the message goes to WeChat; its answer is classified.</item>
/// <item><see cref="DeliveryOutcomes"/>: the outcome rules (<see cref="DeliveryOutcomeRules"/>) make the record final
/// (counted by <see cref="DeliveryCounters"/>) or schedule another try (<see cref="DeliveryRetries"/>).</item>
/// </list>
/// WeChat's late report of a timed-out send is <see cref="ConfirmLateSend"/>. Anything unexpected propagates (the
/// queue retries, then poisons) after the reason is written on the record.
/// </summary>
public class DeliverNotification(
    DeliveryClaim claims,
    DeliveryQuota quota,
    DeliverySend sender,
    DeliveryOutcomes outcomes,
    DeliveryStore deliveries,
    UserStore users)
{
    /// <summary>The record as this handler left it, or null when the message was a duplicate.</summary>
    public virtual async Task<DeliveryRecord?> HandleAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);

        // A person who deleted their account after the event was fanned out is gone for good (PIPL): a late delivery
        // must not write a record under their id again, so the message is dropped unrecorded. Read in bulk: a batch's
        // 25 deliveries read side by side, and their reads share one request per partition key range.
        if (await users.FindInBulkAsync(message.UserId, cancellationToken) is not { } user)
        {
            return null;
        }

        var claim = await claims.ClaimAsync(message, cancellationToken);
        if (claim.Record is not { } record || claim.Final)
        {
            return claim.Record;
        }

        try
        {
            var step = await quota.TakeAsync(message, record, user, cancellationToken);
            if (step.Target is not { } target)
            {
                return step.Record;
            }

            var attempt = await sender.SendAsync(message, target, cancellationToken);
            return await outcomes.RecordAsync(message, step.Record, attempt, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The queue will retry and finally poison the message; the record says why, and its lease is released.
            await deliveries.TryRecordErrorAsync(record, "error:" + ex.GetType().Name, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The next midnight in Beijing (UTC+8), when WeChat's daily quota resets; see <see cref="DeliveryRetries"/>.</summary>
    public static DateTimeOffset NextBeijingMidnight(DateTimeOffset now) => DeliveryRetries.NextBeijingMidnight(now);

    /// <summary>Delay before try <paramref name="nextAttempt"/>; see <see cref="DeliveryRetries"/>.</summary>
    public static TimeSpan RetryDelay(TimeSpan baseDelay, int nextAttempt) => DeliveryRetries.RetryDelay(baseDelay, nextAttempt);
}
