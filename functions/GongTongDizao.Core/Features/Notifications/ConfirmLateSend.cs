using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// WeChat's late confirmation (<c>subscribe_msg_sent_event</c>). A report naming a message id we know is written on
/// that delivery record. A report naming none is a send whose answer never reached us (a timeout): the waiting
/// delivery of that template to that person went out after all, so it becomes final and its delayed retry finds
/// nothing to do instead of sending the message twice.
/// </summary>
public class ConfirmLateSend(DeliveryStore deliveries, DeliveryOutcomes outcomes, TimeProvider time)
{
    /// <summary>Retries after which WeChat may have sent the message although we saw no answer.</summary>
    private static readonly string[] s_ambiguousReasons = ["retry:timeout", "retry:network"];

    /// <summary>
    /// Applies one report item for <paramref name="userId"/>; <paramref name="templateKeyOf"/> is asked only when no
    /// record knows the message id.
    /// </summary>
    public virtual async Task ConfirmAsync(string userId, SubscribeSentItem item, Func<string?> templateKeyOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(templateKeyOf);
        if (item.MsgId is not { } msgId)
        {
            return;
        }

        var known = await deliveries.IdsWithMsgIdAsync(userId, msgId, cancellationToken);
        foreach (var id in known)
        {
            await deliveries.SetConfirmationAsync(userId, id, item.Delivered, item.ErrorCode, cancellationToken);
        }

        if (known.Count == 0 && item.Delivered && templateKeyOf() is { } key)
        {
            await ConfirmTimedOutSendAsync(userId, key, msgId, cancellationToken);
        }
    }

    /// <summary>
    /// Marks the oldest waiting timed-out delivery of <paramref name="templateKey"/> to the person sent (and
    /// confirmed). False when no such delivery is waiting.
    /// </summary>
    public virtual async Task<bool> ConfirmTimedOutSendAsync(string userId, string templateKey, string msgId, CancellationToken cancellationToken)
    {
        var waiting = await deliveries.PendingWithReasonAsync(userId, templateKey, s_ambiguousReasons, cancellationToken);

        // The oldest attempt is the one WeChat is reporting on; a record leased right now is being retried, and
        // whatever that retry does is final.
        var now = time.GetUtcNow();
        if (waiting.Where(r => r.LeaseUntil is null || r.LeaseUntil < now).MinBy(r => r.UpdatedAt) is not { } record)
        {
            return false;
        }

        return await outcomes.TryFinishAsync(record with { MsgId = msgId, Confirmed = true }, DeliveryStatus.Sent, null, cancellationToken) is not null;
    }
}
