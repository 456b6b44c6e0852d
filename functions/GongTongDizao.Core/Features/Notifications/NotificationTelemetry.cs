using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The telemetry the admin workbook and the alerts read (docs/deploy.md): <c>NotificationDelivery</c> with
/// <c>outcome</c> and <c>templateKey</c>, and <c>WeChatSendFailed</c> with <c>templateKey</c> and <c>errCode</c>.
/// Written as structured log entries whose event name and properties carry the same names and dimensions.
/// </summary>
public sealed partial class NotificationTelemetry(ILogger<NotificationTelemetry> logger)
{
    public void Delivery(string outcome, string templateKey) => LogDelivery(logger, outcome, templateKey);

    public void SendFailed(string templateKey, string errCode) => LogSendFailed(logger, templateKey, errCode);

    [LoggerMessage(EventId = 7001, EventName = "NotificationDelivery", Level = LogLevel.Information, Message = "NotificationDelivery outcome={outcome} templateKey={templateKey}")]
    private static partial void LogDelivery(ILogger logger, string outcome, string templateKey);

    [LoggerMessage(EventId = 7002, EventName = "WeChatSendFailed", Level = LogLevel.Warning, Message = "WeChatSendFailed templateKey={templateKey} errCode={errCode}")]
    private static partial void LogSendFailed(ILogger logger, string templateKey, string errCode);
}
