namespace GongTongDizao.Core.Features.Orders;

/// <summary>The league office in scope accepts the order (it read any held text first); the requester is told.</summary>
public sealed class ApproveOrder(OrderTransitions transitions, OrderViews views)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Approve, (order, _, next, now) =>
        {
            var approved = order with { ContentHeld = false, Metrics = order.Metrics with { Approved = true } };
            return Task.FromResult<Result<OrderChange>>(new OrderChange(approved, [OrderEvents.Approved(approved with { Status = next }, caller.Id, now)]));
        }, cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
