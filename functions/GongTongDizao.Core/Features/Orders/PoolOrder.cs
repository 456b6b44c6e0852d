using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>抢单: the office opens the order to every team whose node covers the community; the first leader to take it wins.</summary>
public sealed class PoolOrder(OrderTransitions transitions, OrderViews views, IOptions<OrdersOptions> options)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Pool, (order, _, next, now) =>
        {
            var takeBy = now + options.Value.TakeTimeout;
            var pooled = order with
            {
                Team = null,
                Volunteers = [],
                TakeBy = takeBy,
                Metrics = order.Metrics with { Pooled = true, OfferedAt = order.Metrics.OfferedAt ?? now },
            };
            return Task.FromResult<Result<OrderChange>>(new OrderChange(
                pooled,
                [OrderEvents.Pooled(pooled with { Status = next }, caller.Id, now)],
                [OrderTransitions.Timer(OrderDeadlineHandler.TakeTimeoutKind, pooled, takeBy)]));
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
