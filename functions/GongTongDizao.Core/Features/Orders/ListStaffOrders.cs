using GongTongDizao.Core.Authorization;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>The office's list as it arrives in a query string.</summary>
public sealed record StaffOrdersQuery(string? OrgId, string? Status, string? Continuation, string? PageSize);

/// <summary>The league office's orders of one org subtree within its scope (default: its first scope root), newest first.</summary>
public sealed class ListStaffOrders(OrderStore store, OrderViews views, Authorizer authorizer, PageTokens tokens)
{
    private const string List = "staff/orders";

    public async Task<Result<OrderPage>> HandleAsync(Caller caller, StaffOrdersQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var roots = Authorizer.ScopeRoots(caller.User, Permission.RunVolunteerService);
        if (roots.Count == 0)
        {
            return Error.Forbidden();
        }

        OrderStatus? status = null;
        if (!string.IsNullOrEmpty(query.Status))
        {
            if (!OrderCategories.TryParse<OrderStatus>(query.Status, out var parsed))
            {
                return Error.Validation("status", "订单状态无效");
            }

            status = parsed;
        }

        var pageSize = query.ParsePageSize();
        if (!pageSize.IsSuccess)
        {
            return pageSize.Error;
        }

        var orgId = string.IsNullOrEmpty(query.OrgId) ? roots[0] : query.OrgId;
        if (!await authorizer.CanAsync(caller.User, Permission.RunVolunteerService, orgId, cancellationToken))
        {
            return Error.Forbidden("只能查看本人辖区的订单");
        }

        var binding = $"{caller.Id}|{orgId}|{query.Status}";
        if (!tokens.TryOpen(query.Continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        var page = await store.PageForOfficeAsync(orgId, status, position, pageSize.Value, cancellationToken);
        return await views.PageAsync(page, tokens.Seal(List, binding, page.Position), cancellationToken);
    }
}

internal static class OrderPageQueryExtensions
{
    public static Result<int> ParsePageSize(this StaffOrdersQuery query) => new OrderPageQuery(query.Continuation, query.PageSize).ParsePageSize();
}
