using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>青年点单 for the league office in scope: the list, 代点单 for a resident, the numbers.</summary>
public sealed class StaffOrderFunctions(
    Api api,
    ListStaffOrders list,
    PlaceOrderForResident placeFor,
    GetOrderStats stats)
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
}
