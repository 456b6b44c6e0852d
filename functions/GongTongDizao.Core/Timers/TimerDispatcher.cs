namespace GongTongDizao.Core.Timers;

public sealed class TimerDispatcher(IEnumerable<ITimerHandler> handlers, TimerQueue timers, TimeProvider time)
{
    public async Task DispatchAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.DueAt - time.GetUtcNow() > TimeSpan.FromSeconds(5))
        {
            // Further out than one queue delay could reach: wait another round.
            await timers.ScheduleAsync(message, cancellationToken);
            return;
        }

        var handler = handlers.FirstOrDefault(h => h.Kinds.Contains(message.Kind))
            ?? throw new InvalidOperationException($"No timer handler for kind '{message.Kind}'.");
        await handler.HandleAsync(message, cancellationToken);
    }
}
