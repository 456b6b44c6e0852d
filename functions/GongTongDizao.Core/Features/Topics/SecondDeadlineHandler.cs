using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>The seconding deadline: expires the topic if the threshold was not reached. Idempotent: a settled topic is left alone.</summary>
public sealed class SecondDeadlineHandler(TopicStore store, TopicPublishing publishing) : ITimerHandler
{
    public IReadOnlyCollection<string> Kinds { get; } = [TopicPublishing.DeadlineTimerKind];

    public async Task HandleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await publishing.SettleAsync(await store.FindAsync(message.EntityId, cancellationToken), cancellationToken);
    }
}
