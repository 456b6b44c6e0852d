using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Retry scheduling: a waiting delivery stays pending, its lease released, and the same message is queued again,
/// delayed: after a doubling delay (<see cref="NotificationsOptions.RetryBaseDelay"/>) or until the next Beijing
/// midnight, when WeChat's daily quota resets.
/// </summary>
public partial class DeliveryRetries(DeliveryStore deliveries, DeliveryQueue queue, IOptions<NotificationsOptions> options, TimeProvider time, ILogger<DeliveryRetries> logger)
{
    /// <summary>The next midnight in Beijing, when WeChat's daily quota resets (<see cref="ChinaTime"/>).</summary>
    public static DateTimeOffset NextBeijingMidnight(DateTimeOffset now) => ChinaTime.NextMidnight(now);

    /// <summary>Delay before try <paramref name="nextAttempt"/> (2, 3, …): the base delay, doubled each time.</summary>
    public static TimeSpan RetryDelay(TimeSpan baseDelay, int nextAttempt) =>
        TimeSpan.FromTicks(baseDelay.Ticks * (1L << Math.Clamp(nextAttempt - 2, 0, 20)));

    /// <summary>Queues try <c>Attempts + 1</c> of <paramref name="record"/> after the doubling delay.</summary>
    public virtual Task<DeliveryRecord> RetryLaterAsync(DeliveryMessage message, DeliveryRecord record, string reason, string errCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(record);
        var delay = RetryDelay(options.Value.RetryBaseDelay, record.Attempts + 1);
        LogRetry(logger, message.EventId, message.TemplateKey, errCode, record.Attempts, delay.TotalSeconds);
        return DeferAsync(message, record, time.GetUtcNow() + delay, reason, cancellationToken);
    }

    /// <summary>Queues the delivery again for the next Beijing midnight.</summary>
    public virtual Task<DeliveryRecord> RetryAfterMidnightAsync(DeliveryMessage message, DeliveryRecord record, string reason, CancellationToken cancellationToken) =>
        DeferAsync(message, record, NextBeijingMidnight(time.GetUtcNow()), reason, cancellationToken);

    private async Task<DeliveryRecord> DeferAsync(DeliveryMessage message, DeliveryRecord record, DateTimeOffset until, string reason, CancellationToken cancellationToken)
    {
        var saved = await deliveries.SaveAsync(record with { Reason = reason, DeferredUntil = until, LeaseUntil = null }, cancellationToken);
        await queue.SendAsync(message, until - time.GetUtcNow(), cancellationToken);
        return saved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {EventId} ({TemplateKey}) failed with {ErrCode} on try {Attempt}; next try in {DelaySeconds} s")]
    private static partial void LogRetry(ILogger logger, string eventId, string templateKey, string errCode, int attempt, double delaySeconds);
}
