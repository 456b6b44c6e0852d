using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>A team's work: the orders offered to or taken by it, taking one (志愿者接单) and reporting it delivered.</summary>
public sealed class TeamOrderFunctions(
    Api api,
    ListTeamOrders orders,
    TakeOrder take,
    DeliverOrder deliver)
{
    [Function("ListTeamOrders")]
    public Task<IActionResult> Orders(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "teams/{id}/orders")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderPage>(req, (caller, ct) => orders.HandleAsync(caller, id, new OrderPageQuery(req.Query["continuation"], req.Query["pageSize"]), ct), cancellationToken);

    [Function("TakeOrder")]
    public Task<IActionResult> Take(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/take")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<TakeOrderRequest, OrderView>(req, (caller, body, ct) => take.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("DeliverOrder")]
    public Task<IActionResult> Deliver(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/deliver")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<DeliverOrderRequest, OrderView>(req, (caller, body, ct) => deliver.HandleAsync(caller, id, body, ct), cancellationToken);
}
