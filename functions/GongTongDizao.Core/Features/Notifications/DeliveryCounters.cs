using GongTongDizao.Core.Telemetry;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The counts a delivery feeds: telemetry (NotificationDelivery, WeChatSendFailed) and the broadcast's
/// sent/skipped/failed counters. Only the write that made a delivery final counts it, so each counts once.
/// </summary>
public class DeliveryCounters(AppEvents telemetry, BroadcastStore broadcasts)
{
    public virtual async Task CountFinishedAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var outcome = record.Status switch
        {
            DeliveryStatus.Sent => "sent",
            DeliveryStatus.Skipped => "skipped",
            _ => "failed",
        };
        telemetry.NotificationDelivery(outcome, record.TemplateKey);
        if (record.BroadcastId is { } broadcastId)
        {
            await broadcasts.CountDeliveryAsync(broadcastId, outcome, cancellationToken);
        }
    }

    /// <summary>One try that WeChat refused or did not answer.</summary>
    public virtual void CountFailedSend(string templateKey, string errCode) => telemetry.WeChatSendFailed(templateKey, errCode);
}
