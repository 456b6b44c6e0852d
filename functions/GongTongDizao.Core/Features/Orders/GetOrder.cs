namespace GongTongDizao.Core.Features.Orders;

/// <summary>One order with its timeline: one point read (the id names the partition), plus the caller's teams when it is offered or served.</summary>
public sealed class GetOrder(OrderStore store, OrderAccess access, OrderViews views)
{
    public async Task<Result<OrderView>> HandleAsync(Caller caller, string orderId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.FindAsync(orderId, cancellationToken) is not { } order)
        {
            return Error.NotFound();
        }

        var reader = await access.ReaderAsync(caller.User, order, cancellationToken);
        return reader.Exists ? await views.ViewAsync(order, reader, cancellationToken) : Error.NotFound();
    }
}
