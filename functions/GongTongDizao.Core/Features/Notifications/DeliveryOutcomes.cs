using GongTongDizao.WeChat;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Records the outcome of a delivery: applies <see cref="DeliveryOutcomeRules"/> to a try (quota correction,
/// failure count, then final or scheduled again), and makes a record final for every step that decides so.
/// </summary>
public partial class DeliveryOutcomes(
    DeliveryStore deliveries,
    DeliveryCounters counters,
    DeliveryRetries retries,
    SubscriptionQuotas quotas,
    IOptions<NotificationsOptions> options,
    ILogger<DeliveryOutcomes> logger)
{
    public virtual async Task<DeliveryRecord> RecordAsync(DeliveryMessage message, DeliveryRecord record, SendAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (attempt is SendAnswered { Result: { Outcome: SubscribeSendOutcome.InvalidData } invalid })
        {
            // Our data broke WeChat's rules although the builder checked it: a bug in the catalogue or the rules.
            LogInvalidData(logger, message.TemplateKey, invalid.InvalidField, invalid.ErrMsg);
        }

        var decision = DeliveryOutcomeRules.Decide(record, attempt, options.Value.MaxSendAttempts);
        if (decision.FailedWith is { } errCode)
        {
            counters.CountFailedSend(message.TemplateKey, errCode);
        }

        switch (decision.Quota)
        {
            case QuotaCorrection.Refund:
                await quotas.RefundAsync(message.UserId, message.TemplateKey, cancellationToken);
                break;
            case QuotaCorrection.Reset:
                await quotas.ResetAsync(message.UserId, message.TemplateKey, cancellationToken);
                break;
            default:
                break;
        }

        return decision.Next switch
        {
            DeliveryNext.Retry => await retries.RetryLaterAsync(message, decision.Record, decision.Reason!, decision.FailedWith!, cancellationToken),
            DeliveryNext.WaitForMidnight => await retries.RetryAfterMidnightAsync(message, decision.Record, decision.Reason!, cancellationToken),
            _ => await FinishAsync(decision.Record, decision.Status, decision.Reason, cancellationToken),
        };
    }

    /// <summary>Saves the record final (ETag: only one handler gets here per delivery) and counts it; throws when the record changed meanwhile.</summary>
    public virtual async Task<DeliveryRecord> FinishAsync(DeliveryRecord record, DeliveryStatus status, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var saved = await deliveries.SaveAsync(Final(record, status, reason), cancellationToken);
        await counters.CountFinishedAsync(saved, cancellationToken);
        return saved;
    }

    /// <summary>As <see cref="FinishAsync"/>, but null (and nothing counted) when the record changed meanwhile.</summary>
    public virtual async Task<DeliveryRecord?> TryFinishAsync(DeliveryRecord record, DeliveryStatus status, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (await deliveries.TrySaveAsync(Final(record, status, reason), cancellationToken) is not { } saved)
        {
            return null;
        }

        await counters.CountFinishedAsync(saved, cancellationToken);
        return saved;
    }

    private static DeliveryRecord Final(DeliveryRecord record, DeliveryStatus status, string? reason) =>
        record with { Status = status, Reason = reason, LeaseUntil = null, DeferredUntil = null };

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat rejected subscribe data of template {TemplateKey} (47003), field {Field}: {ErrMsg}. The catalogue or the value rules are wrong")]
    private static partial void LogInvalidData(ILogger logger, string templateKey, string? field, string errMsg);
}
