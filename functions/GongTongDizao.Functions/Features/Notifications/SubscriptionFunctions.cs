using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>The caller's subscribe-message quotas.</summary>
public sealed class SubscriptionFunctions(
    Api api,
    ListSubscriptions listSubscriptions,
    ReportSubscriptions reportSubscriptions)
{
    [Function("ListSubscriptions")]
    public Task<IActionResult> ListSubscriptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/subscriptions")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<SubscriptionList>(req, listSubscriptions.HandleAsync, cancellationToken);

    [Function("ReportSubscriptions")]
    public Task<IActionResult> ReportSubscriptions(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/subscriptions")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<ReportSubscriptionsRequest, SubscriptionList>(req, reportSubscriptions.HandleAsync, cancellationToken);
}
