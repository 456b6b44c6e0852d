using System.Globalization;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>What happens to the quota unit taken for a delivery.</summary>
public enum QuotaCorrection
{
    /// <summary>Spent (sent) or possibly spent (no answer): kept.</summary>
    None,

    /// <summary>WeChat did not spend it: given back.</summary>
    Refund,

    /// <summary>WeChat says the person has none (43101), whatever we counted.</summary>
    Reset,
}

/// <summary>Whether the delivery is final now or waits for another try.</summary>
public enum DeliveryNext
{
    Finish,

    /// <summary>Another try after the doubling delay (<see cref="DeliveryRetries"/>).</summary>
    Retry,

    /// <summary>WeChat's daily limit (45009): another try after the next Beijing midnight.</summary>
    WaitForMidnight,
}

/// <summary>
/// The decision on one try: the record as it should be saved, what follows, the status and reason (for
/// <see cref="DeliveryNext.Finish"/>; a waiting record stays pending with the reason), the quota correction and the
/// errcode to report as a failed send (null when the send did not fail).
/// </summary>
public sealed record DeliveryDecision(DeliveryRecord Record, DeliveryNext Next, DeliveryStatus Status, string? Reason, QuotaCorrection Quota, string? FailedWith);

/// <summary>
/// The outcome rules of docs/decisions/0007-notifications.md, pure: 43101 → skipped and the quota reset; 47003 and
/// other rejections → failed and the unit given back; -1, token errors, timeouts and network failures → retried,
/// failed after the last try (the unit given back only when WeChat certainly sent nothing); 45009 → wait for the
/// next Beijing midnight.
/// </summary>
public static class DeliveryOutcomeRules
{
    public static DeliveryDecision Decide(DeliveryRecord record, SendAttempt attempt, int maxAttempts)
    {
        ArgumentNullException.ThrowIfNull(record);
        var attempts = record.Attempts + 1;
        switch (attempt)
        {
            case SendUnanswered unanswered when attempts >= maxAttempts:
                return new(record with { Attempts = attempts }, DeliveryNext.Finish, DeliveryStatus.Failed, "wechat_unavailable:" + unanswered.ErrCode, unanswered.CertainlyNotSent ? QuotaCorrection.Refund : QuotaCorrection.None, unanswered.ErrCode);
            case SendUnanswered unanswered:
                return new(record with { Attempts = attempts }, DeliveryNext.Retry, DeliveryStatus.Pending, "retry:" + unanswered.ErrCode, QuotaCorrection.None, unanswered.ErrCode);
            case SendRejected rejected:
                var code = rejected.ErrCode.ToString(CultureInfo.InvariantCulture);
                return new(record with { Attempts = attempts, ErrCode = rejected.ErrCode }, DeliveryNext.Finish, DeliveryStatus.Failed, "errcode_" + code, QuotaCorrection.Refund, code);
            case SendAnswered { Result: var result }:
                return Answered(record with { Attempts = attempts, ErrCode = result.ErrCode == 0 ? null : result.ErrCode }, result);
            default:
                throw new ArgumentOutOfRangeException(nameof(attempt), attempt, "Unknown send attempt.");
        }
    }

    private static DeliveryDecision Answered(DeliveryRecord record, SubscribeSendResult result)
    {
        var code = result.ErrCode.ToString(CultureInfo.InvariantCulture);
        return result.Outcome switch
        {
            SubscribeSendOutcome.Sent => new(record with { MsgId = result.MsgId }, DeliveryNext.Finish, DeliveryStatus.Sent, null, QuotaCorrection.None, null),
            SubscribeSendOutcome.NoQuota => new(record, DeliveryNext.Finish, DeliveryStatus.Skipped, "refused", QuotaCorrection.Reset, code),
            SubscribeSendOutcome.DailyLimitReached => new(record, DeliveryNext.WaitForMidnight, DeliveryStatus.Pending, "daily_limit", QuotaCorrection.None, code),
            _ => new(record, DeliveryNext.Finish, DeliveryStatus.Failed, FailureReason(result), QuotaCorrection.Refund, code),
        };
    }

    private static string FailureReason(SubscribeSendResult result) => result.Outcome switch
    {
        SubscribeSendOutcome.InvalidData => "invalid_data" + (result.InvalidField is { } field ? ":" + field : string.Empty),
        SubscribeSendOutcome.InvalidOpenId => "invalid_openid",
        SubscribeSendOutcome.InvalidTemplateId => "invalid_template_id",
        SubscribeSendOutcome.InvalidPage => "invalid_page",
        var other => other.ToString(),
    };
}
