using GongTongDizao.Core;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Functions.Features.Background;

public sealed class TimerFunctions(TimerDispatcher dispatcher, OutboxSweeper sweeper)
{
    /// <summary>Deadline checks scheduled as delayed messages. Exceptions propagate so the runtime retries, then poisons.</summary>
    [Function("Timers")]
    public Task Timers([QueueTrigger(StoreNames.Queues.Timers)] string message, CancellationToken cancellationToken) =>
        dispatcher.DispatchAsync(TimerQueue.Parse(message), cancellationToken);

    /// <summary>Publishes outboxes that a request could not (queue briefly unavailable, process stopped).</summary>
    [Function("OutboxSweep")]
    public Task Sweep([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
