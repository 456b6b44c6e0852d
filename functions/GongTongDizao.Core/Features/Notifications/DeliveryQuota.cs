using GongTongDizao.Core.Features.Identity;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A claimed delivery after the quota step: ready to send to <see cref="Target"/>, or already final (Target null).</summary>
public sealed record QuotaStep(DeliveryRecord Record, SendTarget? Target);

/// <summary>
/// The quota step: one unit is taken once per delivery (marked on the record), however often the send is retried. A
/// one-time template's unit is normally taken with the claim already (<see cref="SubscriptionQuotas.ClaimWithUnitAsync"/>).
/// Without a template id, a unit, or a person with an openid (as the handler read them) the delivery is skipped, and a unit taken is given back.
/// </summary>
public partial class DeliveryQuota(
    SubscriptionQuotas quotas,
    TemplateCatalogue catalogue,
    DeliveryStore deliveries,
    DeliveryOutcomes outcomes,
    ILogger<DeliveryQuota> logger)
{
    /// <summary>Takes the unit for <paramref name="record"/>; <paramref name="user"/> is the recipient as the handler read them.</summary>
    public virtual async Task<QuotaStep> TakeAsync(DeliveryMessage message, DeliveryRecord record, UserAccount? user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(record);
        var templateId = catalogue.TemplateIdOf(message.TemplateKey);
        if (!record.QuotaTaken)
        {
            if (templateId is null)
            {
                LogTemplateNotConfigured(logger, message.TemplateKey);
                return new(await outcomes.FinishAsync(record, DeliveryStatus.Skipped, "template_not_configured", cancellationToken), null);
            }

            var taken = await TakeAsync(message.TemplateKey, record with { QuotaTaken = true }, cancellationToken);
            if (taken is null)
            {
                return new(await outcomes.FinishAsync(record, DeliveryStatus.Skipped, "no_quota", cancellationToken), null);
            }

            record = taken;
        }

        if (templateId is null || user is null || string.IsNullOrEmpty(user.OpenId))
        {
            await quotas.RefundAsync(message.UserId, message.TemplateKey, cancellationToken);
            return new(await outcomes.FinishAsync(record, DeliveryStatus.Skipped, templateId is null ? "template_not_configured" : "no_user", cancellationToken), null);
        }

        return new(record, new SendTarget(user.OpenId, templateId));
    }

    /// <summary>
    /// The record saved as marked once the unit is taken; null without one. A one-time template's unit and the record
    /// are one batch; a long-term subscription is read first (on, nothing is spent), then the record saved.
    /// </summary>
    private async Task<DeliveryRecord?> TakeAsync(string templateKey, DeliveryRecord marked, CancellationToken cancellationToken)
    {
        if (!quotas.IsLongTerm(templateKey))
        {
            return await quotas.TakeForDeliveryAsync(marked, templateKey, cancellationToken);
        }

        return await quotas.TryTakeAsync(marked.UserId, templateKey, cancellationToken) ? await deliveries.SaveAsync(marked, cancellationToken) : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No WeChat template id is configured for {TemplateKey} (WeChat__Templates__{TemplateKey}); the notification stays in the inbox only")]
    private static partial void LogTemplateNotConfigured(ILogger logger, string templateKey);
}
