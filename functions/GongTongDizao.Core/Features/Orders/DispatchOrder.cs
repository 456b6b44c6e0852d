using GongTongDizao.Core.Features.Volunteers;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Orders;

public sealed record DispatchOrderRequest(string TeamId);

public sealed class DispatchOrderValidator : AbstractValidator<DispatchOrderRequest>
{
    public DispatchOrderValidator() => RuleFor(r => r.TeamId).NotEmpty().WithMessage("请选择服务队伍").MaximumLength(64);
}

/// <summary>
/// 组织派单: the office offers the order to one named team whose node covers the community. Also re-dispatch: a
/// dispatched, taken, returned or reopened order moves to another team, whose leaders are told. The take clock restarts.
/// </summary>
public sealed class DispatchOrder(OrderTransitions transitions, OrderViews views, TeamStore teams, IOptions<OrdersOptions> options)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, DispatchOrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var team = await teams.FindAsync(request.TeamId, cancellationToken);
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Dispatch, (order, _, next, now) =>
        {
            if (team is null || !OrderAccess.Serves(team, order))
            {
                return Task.FromResult<Result<OrderChange>>(Error.Validation("teamId", "请选择服务本社区的队伍"));
            }

            var takeBy = now + options.Value.TakeTimeout;
            var dispatched = order with
            {
                Team = new OrderTeamRef(team.Id, team.Name),
                Volunteers = [],
                TakeBy = takeBy,
                Metrics = order.Metrics with { Dispatched = true, OfferedAt = order.Metrics.OfferedAt ?? now },
            };
            return Task.FromResult<Result<OrderChange>>(new OrderChange(
                dispatched,
                [OrderEvents.Dispatched(dispatched with { Status = next }, caller.Id, now)],
                [OrderTransitions.Timer(OrderDeadlineHandler.TakeTimeoutKind, dispatched, takeBy)],
                team.Name));
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
