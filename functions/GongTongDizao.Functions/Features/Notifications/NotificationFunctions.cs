using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

public sealed class NotificationFunctions(
    Api api,
    ListNotifications list,
    MarkNotificationsRead markRead,
    ListSubscriptions listSubscriptions,
    ReportSubscriptions reportSubscriptions,
    GetPreferences getPreferences,
    UpdatePreferences updatePreferences,
    CreateBroadcast createBroadcast,
    GetBroadcast getBroadcast)
{
    [Function("ListNotifications")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/notifications")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<NotificationPage>(req, (caller, ct) => list.HandleAsync(caller, req.Query["continuation"], ct), cancellationToken);

    [Function("MarkNotificationsRead")]
    public Task<IActionResult> MarkRead(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/notifications/read")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<MarkNotificationsReadRequest, MarkNotificationsReadResult>(req, markRead.HandleAsync, cancellationToken);

    [Function("ListSubscriptions")]
    public Task<IActionResult> ListSubscriptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/subscriptions")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SubscriptionList>(req, listSubscriptions.HandleAsync, cancellationToken);

    [Function("ReportSubscriptions")]
    public Task<IActionResult> ReportSubscriptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/subscriptions")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ReportSubscriptionsRequest, SubscriptionList>(req, reportSubscriptions.HandleAsync, cancellationToken);

    [Function("GetPreferences")]
    public Task<IActionResult> GetPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/preferences")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<PreferencesView>(req, getPreferences.HandleAsync, cancellationToken);

    [Function("UpdatePreferences")]
    public Task<IActionResult> UpdatePreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/preferences")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<PreferencesRequest, PreferencesView>(req, updatePreferences.HandleAsync, cancellationToken);

    [Function("CreateBroadcast")]
    public Task<IActionResult> CreateBroadcast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/broadcasts")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<CreateBroadcastRequest, Core.Common.Created>(req, createBroadcast.HandleAsync, cancellationToken);

    [Function("GetBroadcast")]
    public Task<IActionResult> GetBroadcast(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/broadcasts/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<BroadcastView>(req, (caller, ct) => getBroadcast.HandleAsync(caller, id, ct), cancellationToken);
}
