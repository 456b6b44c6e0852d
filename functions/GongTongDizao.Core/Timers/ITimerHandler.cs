namespace GongTongDizao.Core.Timers;

/// <summary>A feature's handler for its timer kinds; the timers queue function dispatches by <see cref="TimerMessage.Kind"/>.</summary>
public interface ITimerHandler
{
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>Must be idempotent: a queue message can be delivered twice. Throw to retry (then poison).</summary>
    Task HandleAsync(TimerMessage message, CancellationToken cancellationToken);
}
