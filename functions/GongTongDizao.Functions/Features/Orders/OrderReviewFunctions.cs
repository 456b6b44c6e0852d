using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>The office's decisions on an order (组织派单): approve or reject, dispatch to a team or pool it, close it.</summary>
public sealed class OrderReviewFunctions(
    Api api,
    ApproveOrder approve,
    RejectOrder reject,
    DispatchOrder dispatch,
    PoolOrder pool,
    CloseOrder close)
{
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
