using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>What a resident does to their order afterwards: cancel it until it is taken, rate it once delivered (群众评单).</summary>
public sealed class ResidentOrderActionFunctions(Api api, CancelOrder cancel, RateOrder rate)
{
    [Function("CancelOrder")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/cancel")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderView>(req, (caller, ct) => cancel.HandleAsync(caller, id, ct), cancellationToken);

    [Function("RateOrder")]
    public Task<IActionResult> Rate(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/rating")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<RateOrderRequest, OrderView>(req, (caller, body, ct) => rate.HandleAsync(caller, id, body, ct), cancellationToken);
}
