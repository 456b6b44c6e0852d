using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Functions.Features.Orders;

/// <summary>青年点单 for residents (群众点单): the menu, place an order, list and read their own.</summary>
public sealed class OrderFunctions(Api api, ListOrderCategories categories, PlaceOrder place, ListMyOrders listMine, GetOrder getOrder)
{
    [Function("ListOrderCategories")]
    public Task<IActionResult> Categories(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/categories")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderCategoryList>(req, (_, ct) => categories.HandleAsync(ct), cancellationToken);

    [Function("PlaceOrder")]
    public Task<IActionResult> Place(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")] HttpRequest req, CancellationToken cancellationToken) =>
        api.CreateAsync<PlaceOrderRequest, Created>(req, place.HandleAsync, cancellationToken);

    [Function("ListMyOrders")]
    public Task<IActionResult> Mine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/mine")] HttpRequest req, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderPage>(req, (caller, ct) => listMine.HandleAsync(caller, new OrderPageQuery(req.Query["continuation"], req.Query["pageSize"]), ct), cancellationToken);

    [Function("GetOrder")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "orders/{id}")] HttpRequest req, string id, CancellationToken cancellationToken) =>
        api.AuthenticatedAsync<OrderView>(req, (caller, ct) => getOrder.HandleAsync(caller, id, ct), cancellationToken);
}
