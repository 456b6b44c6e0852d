using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// The order's deadlines: an offered order nobody took in time goes back to the office, which is alerted; a delivered
/// order nobody rated closes unrated. The handler re-reads the order and acts only when the message is still the
/// current deadline, so a stale or repeated message (re-dispatched, already rated) changes nothing.
/// </summary>
public sealed class OrderDeadlineHandler(OrderStore store, OrderTransitions transitions, TimeProvider time) : ITimerHandler
{
    public const string TakeTimeoutKind = "order.take_timeout";
    public const string AutoCloseKind = "order.auto_close";

    public IReadOnlyCollection<string> Kinds { get; } = [TakeTimeoutKind, AutoCloseKind];

    public async Task HandleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.FindAsync(message.EntityId, cancellationToken) is not { } order)
            {
                return;
            }

            var now = time.GetUtcNow();
            (OrderAction? action, OrderChange? change) = message.Kind switch
            {
                TakeTimeoutKind when OrderLifecycle.IsOffered(order.Status) && order.TakeBy is { } by && by <= now && by == message.DueAt =>
                    ((OrderAction?)OrderAction.TakeTimeout, new OrderChange(order with { TakeBy = null }, [OrderEvents.TakeOverdue(order with { Status = OrderStatus.Returned }, now)], Reason: "超时无人接单，退回团组织")),
                AutoCloseKind when order.Status == OrderStatus.Delivered && order.Delivery is { } d && d.At <= message.DueAt && message.DueAt <= now =>
                    ((OrderAction?)OrderAction.AutoClose, new OrderChange(order with { Closure = OrderClosure.Unrated }, Reason: "超过评价期限未评价")),
                _ => ((OrderAction?)null, (OrderChange?)null),
            };
            if (action is not { } a || change is null || OrderLifecycle.Next(order.Status, a, OrderActor.System) is not { } next)
            {
                return;
            }

            if (await transitions.SaveAsync(order, change, next, a, OrderActor.System, AuditLog.SystemActor, now, cancellationToken) is not null)
            {
                return;
            }
        }
    }
}
