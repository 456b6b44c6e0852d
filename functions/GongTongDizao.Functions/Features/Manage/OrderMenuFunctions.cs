using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Functions.Features.Manage;

/// <summary>Administrators maintain the 青年点单 service menu (function key, like the other manage routes).</summary>
public sealed class OrderMenuFunctions(Api api, ListManagedOrderCategories list, SaveOrderCategory save)
{
    [Function("ListManagedOrderCategories")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/order-categories")] HttpRequest req, CancellationToken cancellationToken) =>
        api.ManageAsync<ManagedOrderCategoryList>(req, list.HandleAsync, cancellationToken);

    [Function("SaveOrderCategory")]
    public Task<IActionResult> Save(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "manage/order-categories/{code}")] HttpRequest req, string code, CancellationToken cancellationToken) =>
        api.ManageAsync<SaveOrderCategoryRequest, ManagedOrderCategoryList>(req, (body, ct) => save.HandleAsync(code, body, req.Headers.IfMatch.ToString(), ct), cancellationToken);
}
