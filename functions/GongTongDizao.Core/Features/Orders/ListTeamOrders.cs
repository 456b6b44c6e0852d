using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// A team's work list, for its members: orders pooled in its area (抢单大厅), and those dispatched to or served by
/// it. Teams are public, their work is not: a non-member is refused.
/// </summary>
public sealed class ListTeamOrders(TeamStore teams, OrderStore store, OrderViews views, PageTokens tokens)
{
    private const string List = "teams/orders";

    public async Task<Result<OrderPage>> HandleAsync(Caller caller, string teamId, OrderPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        if (await teams.FindAsync(teamId, cancellationToken) is not { } team)
        {
            return Error.NotFound();
        }

        if (team.Member(caller.Id) is null)
        {
            return Error.Forbidden("只有队员可以查看本队订单");
        }

        var pageSize = query.ParsePageSize();
        if (!pageSize.IsSuccess)
        {
            return pageSize.Error;
        }

        var binding = $"{caller.Id}|{team.Id}";
        if (!tokens.TryOpen(query.Continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        var page = await store.PageForTeamAsync(team.Id, team.OrgId, position, pageSize.Value, cancellationToken);
        return await views.PageAsync(page, tokens.Seal(List, binding, page.Position), cancellationToken);
    }
}
