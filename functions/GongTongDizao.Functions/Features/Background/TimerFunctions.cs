using GongTongDizao.Core;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Functions.Features.Background;

public sealed class TimerFunctions(TimerDispatcher dispatcher, OutboxSweeper sweeper)
{
    /// <summary>
    /// Deadline checks scheduled as delayed messages. Exceptions propagate so the runtime retries, then poisons. Like
    /// the notification queues, a check is bounded work that is finished rather than cancelled when the host stops.
    /// </summary>
    [Function("Timers")]
    public Task Timers([QueueTrigger(StoreNames.Queues.Timers)] string message) =>
        dispatcher.DispatchAsync(TimerQueue.Parse(message), CancellationToken.None);

    /// <summary>Publishes outboxes that a request could not (queue briefly unavailable, process stopped).</summary>
    [Function("OutboxSweep")]
    public Task Sweep([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
