namespace GongTongDizao.Core.Features.Orders;

/// <summary>The caller's orders in their home community, newest first: one single-partition query per page.</summary>
public sealed class ListMyOrders(OrderStore store, OrderViews views, PageTokens tokens)
{
    private const string List = "orders/mine";

    public async Task<Result<OrderPage>> HandleAsync(Caller caller, OrderPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.ParsePageSize();
        if (!pageSize.IsSuccess)
        {
            return pageSize.Error;
        }

        var binding = $"{caller.Id}|{caller.User.HomeCommunityId}";
        if (!tokens.TryOpen(query.Continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        if (caller.User.HomeCommunityId is not { } communityId)
        {
            return new OrderPage([], null);
        }

        var page = await store.PageMineAsync(communityId, caller.Id, position, pageSize.Value, cancellationToken);
        return await views.PageAsync(page, tokens.Seal(List, binding, page.Position), cancellationToken);
    }
}
