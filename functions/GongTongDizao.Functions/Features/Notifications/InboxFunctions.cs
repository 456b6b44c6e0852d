using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>The caller's in-app inbox.</summary>
public sealed class InboxFunctions(
    Api api,
    ListNotifications list,
    MarkNotificationsRead markRead)
{
    [Function("ListNotifications")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/notifications")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<NotificationPage>(req, (caller, ct) => list.HandleAsync(caller, req.Query["continuation"], ct), cancellationToken);

    [Function("MarkNotificationsRead")]
    public Task<IActionResult> MarkRead(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/notifications/read")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MarkNotificationsReadRequest, MarkNotificationsReadResult>(req, markRead.HandleAsync, cancellationToken);
}
