using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>What a use case changes besides the status: the order, the events it emits, the deadlines it sets.</summary>
public sealed record OrderChange(Order Order, IReadOnlyList<DomainEvent>? Events = null, IReadOnlyList<TimerMessage>? Timers = null, string? Reason = null);

/// <summary>
/// Every order transition on the one aggregate pipeline (<see cref="AggregatePipeline{T}"/>): the decide step here
/// finds who the caller is towards the order as read now, asks the state machine and applies the use case's change.
/// A save that loses a race decides again on a fresh read, so the loser of two takes sees the winner's state and gets
/// ORDER_ALREADY_TAKEN rather than a generic conflict.
/// </summary>
public sealed class OrderTransitions(AggregatePipeline<Order> pipeline, OrderAccess access, TimeProvider time)
{
    private const int MaxAttempts = 3;

    /// <summary>Decides the change; <paramref name="reader"/> is who the caller is towards this version of the order.</summary>
    public delegate Task<Result<OrderChange>> Change(Order order, OrderReader reader, OrderStatus next, DateTimeOffset now);

    public async Task<Result<(Order Order, OrderReader Reader)>> RunAsync(Caller caller, string orderId, OrderAction action, Change change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(change);
        OrderReader? reader = null;
        var saved = await pipeline.RunAsync(
            orderId,
            async order =>
            {
                reader = await access.ReaderAsync(caller.User, order, cancellationToken);
                return await DecideAsync(caller, order, reader, action, change, cancellationToken);
            },
            cancellationToken,
            MaxAttempts);
        return saved.IsSuccess ? (saved.Value, OrderAccess.Refresh(reader!, saved.Value)) : saved.Error;
    }

    /// <summary>Saves a transition decided elsewhere (the deadline timers act as the system); null when the order changed since it was read.</summary>
    public Task<Order?> SaveAsync(Order before, OrderChange change, OrderStatus next, OrderAction action, OrderActor actor, string actorId, DateTimeOffset now, CancellationToken cancellationToken) =>
        pipeline.TrySaveAsync(before, Saved(before, change, next, action, actor, actorId, now), cancellationToken);

    public static TimerMessage Timer(string kind, Order order, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new TimerMessage(kind, order.Id, order.CommunityId, dueAt);
    }

    private async Task<Result<AggregateChange<Order>>> DecideAsync(Caller caller, Order order, OrderReader reader, OrderAction action, Change change, CancellationToken cancellationToken)
    {
        var actor = OrderLifecycle.ActorOf(action);
        if (action == OrderAction.Take && order.Team is { } taker && order.Status != OrderStatus.Dispatched && order.Metrics.TakenAt is not null
            && reader.Teams.All(t => t.Id != taker.TeamId) && await TeamServesAsync(caller, order, cancellationToken))
        {
            // A team of the area lost the race (or came late): say so plainly, not "not found".
            return Error.From(ErrorCodes.OrderAlreadyTaken);
        }

        if (!reader.Exists)
        {
            return Error.NotFound();
        }

        if (!reader.Actors.Contains(actor))
        {
            return Error.Forbidden();
        }

        if (OrderLifecycle.Next(order.Status, action, actor) is not { } next)
        {
            return Error.InvalidState($"订单当前状态为「{OrderLifecycle.StatusLabel(order.Status)}」，不能{OrderLifecycle.ActionLabel(action)}");
        }

        var now = time.GetUtcNow();
        var changed = await change(order, reader, next, now);
        return changed.IsSuccess ? Saved(order, changed.Value, next, action, actor, caller.Id, now) : changed.Error;
    }

    private static AggregateChange<Order> Saved(Order before, OrderChange change, OrderStatus next, OrderAction action, OrderActor actor, string actorId, DateTimeOffset now)
    {
        var after = change.Order with
        {
            Status = next,
            Timeline = [.. change.Order.Timeline, new OrderStep(next, action, actor, now, change.Reason)],
            ETag = before.ETag,
        };
        var audit = new AuditEntry(OrderEvents.EntityType, "order." + OrderCategories.Code(action), actorId, OrderCategories.Code(before.Status), OrderCategories.Code(next), change.Reason);
        return new AggregateChange<Order>(after, audit) { Events = change.Events ?? [], Timers = change.Timers ?? [] };
    }

    private async Task<bool> TeamServesAsync(Caller caller, Order order, CancellationToken cancellationToken)
    {
        var probe = order with { Status = OrderStatus.Pooled, Team = null };
        return (await access.ReaderAsync(caller.User, probe, cancellationToken)).Teams.Count > 0;
    }
}
