using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What claiming a delivery came to: <see cref="Record"/> null for a duplicate; <see cref="Final"/> when nothing is left to do.</summary>
public sealed record ClaimedDelivery(DeliveryRecord? Record, bool Final)
{
    public static ClaimedDelivery Duplicate { get; } = new(null, false);
}

/// <summary>
/// The claim step. The delivery record is created (pending, leased) before anything else, for a one-time template in
/// one batch with the unit it spends (none left: the record is created skipped instead); a record that is final means
/// this message is a duplicate and nothing happens; one leased by another handler sends this message back for when the
/// lease lapses. A lapsed lease (a handler that died) is taken over. The common case of a large broadcast, no quota at all, is settled here in one write.
/// </summary>
public class DeliveryClaim(
    DeliveryStore deliveries,
    SubscriptionQuotas quotas,
    DeliveryCounters counters,
    DeliveryQueue queue,
    IOptions<NotificationsOptions> options,
    TimeProvider time)
{
    /// <summary>How long a handler owns a pending record; longer than a WeChat call with its retries.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(2);

    private const int MaxAttempts = 5;

    public virtual async Task<ClaimedDelivery> ClaimAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await TrySkipWithoutQuotaAsync(message, cancellationToken) is { } skipped)
        {
            return new(skipped, Final: true);
        }

        var id = NotificationKinds.DeliveryId(message.EventId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // Nearly every message is the first for its delivery: create first, and look only when a record exists.
            var now = time.GetUtcNow();
            var pending = NewRecord(message, DeliveryStatus.Pending, null, now) with { LeaseUntil = now + LeaseTime };
            if (!options.Value.IsLongTerm(message.TemplateKey))
            {
                // A one-time template: the claim and the unit in one batch (the quota step then finds it taken).
                var claim = await quotas.ClaimWithUnitAsync(pending, message.TemplateKey, cancellationToken);
                if (claim.Record is { } claimed)
                {
                    return new(claimed, Final: false);
                }

                if (claim.NoUnit && await RecordSkipAsync(message, cancellationToken) is { } spent)
                {
                    return new(spent, Final: true);
                }
            }
            else if (await deliveries.TryCreateAsync(pending, cancellationToken) is { } created)
            {
                return new(created, Final: false);
            }

            var existing = await deliveries.FindAsync(message.UserId, id, cancellationToken);
            if (existing is not null && existing.Status != DeliveryStatus.Pending)
            {
                return ClaimedDelivery.Duplicate;
            }

            if (existing is { LeaseUntil: { } leased } && leased > now)
            {
                // Another handler holds it, or held it and died (a worker killed mid-send leaves its lease). Dropping
                // this message would lose the delivery in the second case, so it comes back once the lease has lapsed:
                // then it finds the record final (nothing to do) or takes the lapsed lease over.
                await queue.SendAsync(message, leased - now + TimeSpan.FromSeconds(1), cancellationToken);
                return ClaimedDelivery.Duplicate;
            }

            if (existing is not null && await deliveries.TrySaveAsync(existing with { LeaseUntil = now + LeaseTime }, cancellationToken) is { } taken)
            {
                return new(taken, Final: false);
            }

            // Another handler got there first, or the record went meanwhile: look again.
        }

        return ClaimedDelivery.Duplicate;
    }

    /// <summary>
    /// For the fan-out of an event, before a delivery message is queued: a recipient without any quota document for a
    /// one-time template (most staff, for most events) is recorded skipped now, in one write, and needs no message, no
    /// invocation and no second look; null then. Otherwise the message still to deliver, marked
    /// <see cref="DeliveryMessage.QuotaSeen"/> when a quota document was found. A record that exists already (the
    /// event handled again) settles it too: whoever created it finishes it.
    /// </summary>
    public virtual async Task<DeliveryMessage?> SettleWithoutQuotaAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await WithQuotaAsync(message, cancellationToken) is { } delivery)
        {
            return delivery;
        }

        await RecordSkipAsync(message, cancellationToken);
        return null;
    }

    /// <summary>
    /// No quota document at all for a one-time template: creating the record already final is the claim (a create
    /// succeeds once), so nothing else needs writing; when a record exists, the full path decides.
    /// </summary>
    private async Task<DeliveryRecord?> TrySkipWithoutQuotaAsync(DeliveryMessage message, CancellationToken cancellationToken) =>
        await WithQuotaAsync(message, cancellationToken) is null ? await RecordSkipAsync(message, cancellationToken) : null;

    /// <summary>
    /// The quota look shared by the fan-out's settling and the claim: null when the person holds no quota document for a one-time
    /// template; otherwise the message, marked <see cref="DeliveryMessage.QuotaSeen"/> once a quota document was found
    /// (a long-term template needs none, and a message already marked is not looked at again).
    /// </summary>
    private async Task<DeliveryMessage?> WithQuotaAsync(DeliveryMessage message, CancellationToken cancellationToken) =>
        message.QuotaSeen || options.Value.IsLongTerm(message.TemplateKey) ? message
        : await quotas.FindAsync(message.UserId, message.TemplateKey, cancellationToken) is not null ? message with { QuotaSeen = true }
        : null;

    /// <summary>The record created final (skipped, no quota) and counted, or null when a record exists already.</summary>
    private async Task<DeliveryRecord?> RecordSkipAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        var created = await deliveries.TryCreateAsync(NewRecord(message, DeliveryStatus.Skipped, "no_quota", time.GetUtcNow()), cancellationToken);
        if (created is not null)
        {
            await counters.CountFinishedAsync(created, cancellationToken);
        }

        return created;
    }

    private DeliveryRecord NewRecord(DeliveryMessage message, DeliveryStatus status, string? reason, DateTimeOffset now) =>
        NewRecord(message, status, reason, now, options.Value.DeliveryRetention);

    /// <summary>The record of <paramref name="message"/>'s delivery, kept <paramref name="retention"/> (Cosmos TTL).</summary>
    public static DeliveryRecord NewRecord(DeliveryMessage message, DeliveryStatus status, string? reason, DateTimeOffset now, TimeSpan retention) => new()
    {
        Id = NotificationKinds.DeliveryId(message.EventId),
        UserId = message.UserId,
        EventId = message.EventId,
        TemplateKey = message.TemplateKey,
        Status = status,
        Reason = reason,
        BroadcastId = message.BroadcastId,
        CreatedAt = now,
        UpdatedAt = now,
        Ttl = (int)retention.TotalSeconds,
    };
}
