using Azure;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Timers;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>What a use case changes besides the status: the order, the events it emits, the deadlines it sets.</summary>
public sealed record OrderChange(Order Order, IReadOnlyList<DomainEvent>? Events = null, IReadOnlyList<TimerMessage>? Timers = null, string? Reason = null);

/// <summary>
/// The one path of every order transition: load (point read), decide who the caller is towards the order, ask the
/// state machine, apply the use case's change, save with the ETag, append to the audit trail, publish the outbox and
/// schedule deadlines. A save that loses a race is retried from a fresh read a few times, so the loser of two takes
/// sees the winner's state and gets ORDER_ALREADY_TAKEN rather than a generic conflict.
/// </summary>
public sealed partial class OrderTransitions(
    OrderStore store,
    OrderAccess access,
    AuditLog audit,
    OutboxPublisher publisher,
    TimerQueue timers,
    TimeProvider time,
    ILogger<OrderTransitions> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>Decides the action and change; <paramref name="reader"/> is who the caller is towards this version of the order.</summary>
    public delegate Task<Result<OrderChange>> Change(Order order, OrderReader reader, OrderStatus next, DateTimeOffset now);

    public async Task<Result<(Order Order, OrderReader Reader)>> RunAsync(Caller caller, string orderId, OrderAction action, Change change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var order = await store.FindAsync(orderId, cancellationToken);
            if (order is null)
            {
                return Error.NotFound();
            }

            var reader = await access.ReaderAsync(caller.User, order, cancellationToken);
            var actor = OrderLifecycle.ActorOf(action);
            if (action == OrderAction.Take && order.Team is { } taker && order.Status is not OrderStatus.Dispatched && order.Metrics.TakenAt is not null && reader.Teams.All(t => t.Id != taker.TeamId) && await TeamServesAsync(caller, order, cancellationToken))
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
            if (!changed.IsSuccess)
            {
                return changed.Error;
            }

            var saved = await SaveAsync(order, changed.Value, next, action, actor, caller.Id, now, cancellationToken);
            if (saved is not null)
            {
                return (saved, OrderAccess.Refresh(reader, saved));
            }

            if (attempt == MaxAttempts)
            {
                return Error.From(ErrorCodes.ConcurrentChange);
            }
        }
    }

    /// <summary>Saves a transition; null when the order changed since it was read (the caller re-reads and decides again).</summary>
    public async Task<Order?> SaveAsync(Order before, OrderChange change, OrderStatus next, OrderAction action, OrderActor actor, string actorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);
        var order = change.Order with
        {
            Status = next,
            Timeline = [.. change.Order.Timeline, new OrderStep(next, action, actor, now, change.Reason)],
            Outbox = [.. before.Outbox, .. change.Events ?? []],
            ETag = before.ETag,
        };
        var saved = await store.TryReplaceAsync(order, cancellationToken);
        if (saved is null)
        {
            return null;
        }

        await audit.AppendAsync(OrderEvents.EntityType, before.Id, "order." + OrderCategories.Code(action), actorId, OrderCategories.Code(before.Status), OrderCategories.Code(next), change.Reason, cancellationToken);
        await AfterSaveAsync(saved, change.Timers, cancellationToken);
        return saved;
    }

    /// <summary>Publishes the outbox (the sweeper retries on failure) and schedules the deadlines of a saved order.</summary>
    public async Task AfterSaveAsync(Order saved, IReadOnlyList<TimerMessage>? deadlines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saved);
        await publisher.TryPublishAsync(store.Container, saved, new PartitionKey(saved.CommunityId), saved.ETag, cancellationToken);
        foreach (var timer in deadlines ?? [])
        {
            try
            {
                await timers.ScheduleAsync(timer, cancellationToken);
            }
            catch (RequestFailedException ex)
            {
                // The change is saved; a missing reminder must not turn it into an error the caller would retry.
                LogTimerLost(logger, timer.Kind, saved.Id, ex.Status);
            }
        }
    }

    public static TimerMessage Timer(string kind, Order order, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new TimerMessage(kind, order.Id, order.CommunityId, dueAt);
    }

    private async Task<bool> TeamServesAsync(Caller caller, Order order, CancellationToken cancellationToken)
    {
        var probe = order with { Status = OrderStatus.Pooled, Team = null };
        return (await access.ReaderAsync(caller.User, probe, cancellationToken)).Teams.Count > 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Kind} for order {OrderId} could not be scheduled (status {Status})")]
    private static partial void LogTimerLost(ILogger logger, string kind, string orderId, int status);
}
