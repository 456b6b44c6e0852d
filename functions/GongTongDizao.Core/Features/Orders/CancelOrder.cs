namespace GongTongDizao.Core.Features.Orders;

/// <summary>The requester takes the order back, any time until a team has taken it.</summary>
public sealed class CancelOrder(OrderTransitions transitions, OrderViews views)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, CancellationToken cancellationToken)
    {
        var result = await transitions.RunAsync(caller, orderId, OrderAction.Cancel, (order, _, _, _) =>
            Task.FromResult<Result<OrderChange>>(new OrderChange(order with { TakeBy = null })), cancellationToken);
        return result.IsSuccess ? await views.ViewAsync(result.Value.Order, result.Value.Reader, cancellationToken) : result.Error;
    }
}
