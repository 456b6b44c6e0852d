using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>青年点单 for the league office in scope: list, place for a resident, review, dispatch or pool, close, the numbers.</summary>
public sealed class StaffOrderFunctions(
    Api api,
    ListStaffOrders list,
    PlaceOrderForResident placeFor,
    GetOrderStats stats,
    ApproveOrder approve,
    RejectOrder reject,
    DispatchOrder dispatch,
    PoolOrder pool,
    CloseOrder close)
{
    [Function("ListStaffOrders")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/orders")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderPage>(req, (caller, ct) => list.HandleAsync(caller, new StaffOrdersQuery(req.Query["orgId"], req.Query["status"], req.Query["continuation"], req.Query["pageSize"]), ct), cancellationToken);

    [Function("PlaceOrderForResident")]
    public Task<IActionResult> PlaceFor(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/orders")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<PlaceOrderForResidentRequest, Created>(req, placeFor.HandleAsync, cancellationToken);

    [Function("GetOrderStats")]
    public Task<IActionResult> Stats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/orders/stats")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderStats>(req, (caller, ct) => stats.HandleAsync(caller, new OrderStatsQuery(req.Query["orgId"], req.Query["from"], req.Query["to"]), ct), cancellationToken);

    [Function("ApproveOrder")]
    public Task<IActionResult> Approve(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/approve")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderView>(req, (caller, ct) => approve.HandleAsync(caller, id, ct), cancellationToken);

    [Function("RejectOrder")]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/reject")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<RejectOrderRequest, OrderView>(req, (caller, body, ct) => reject.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("DispatchOrder")]
    public Task<IActionResult> Dispatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/dispatch")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<DispatchOrderRequest, OrderView>(req, (caller, body, ct) => dispatch.HandleAsync(caller, id, body, ct), cancellationToken);

    [Function("PoolOrder")]
    public Task<IActionResult> Pool(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/pool")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderView>(req, (caller, ct) => pool.HandleAsync(caller, id, ct), cancellationToken);

    [Function("CloseOrder")]
    public Task<IActionResult> Close(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{id}/close")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<CloseOrderRequest, OrderView>(req, (caller, body, ct) => close.HandleAsync(caller, id, body, ct), cancellationToken);
}
