using GongTongDizao.Core.Telemetry;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The delivery events the admin workbook and the alerts read (docs/deploy.md): <c>NotificationDelivery</c> with
/// <c>outcome</c> and <c>templateKey</c>, and <c>WeChatSendFailed</c> with <c>templateKey</c> and <c>errCode</c>, sent
/// through <see cref="AppEvents"/> like every other custom event.
/// </summary>
public sealed class NotificationTelemetry(AppEvents events)
{
    public void Delivery(string outcome, string templateKey) => events.NotificationDelivery(outcome, templateKey);

    public void SendFailed(string templateKey, string errCode) => events.WeChatSendFailed(templateKey, errCode);
}
