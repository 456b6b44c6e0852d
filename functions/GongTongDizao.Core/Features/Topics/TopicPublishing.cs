using System.Text.Json.Nodes;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// Opens seconding (deadline timer, statistics) and settles it: reaching the threshold moves the topic to
/// deliberation, a closed window without it expires the topic. Both run as the system, ETag-checked and retried,
/// so whichever of many concurrent seconders (or the timer) gets there first makes the one transition.
/// </summary>
public sealed class TopicPublishing(TopicStore store, SecondingPolicy policy, TopicWriter writer, TimerQueue timers, TopicStatsStore stats)
{
    public const string DeadlineTimerKind = "topic.second_deadline";

    private const int MaxAttempts = 10;

    public Topic Open(Topic topic) => policy.Open(topic);

    public async Task AfterOpenedAsync(Topic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        // The deadline and the count depend on the saved topic alone, not on each other: side by side.
        await Task.WhenAll(
            timers.ScheduleAsync(new TimerMessage(DeadlineTimerKind, topic.Id, topic.CommunityId, topic.ThresholdDeadline ?? policy.Now), cancellationToken),
            stats.IncrementAsync(topic.CommunityId, policy.Now, [(StatCounters.TopicsProposed, 1)], cancellationToken));
    }

    /// <summary>Applies the threshold or the expiry if due; returns the topic as it now stands.</summary>
    public async Task<Topic?> SettleAsync(Topic? observed, CancellationToken cancellationToken)
    {
        if (observed is null)
        {
            return null;
        }

        var settled = await writer.RunAsync(observed, topic => DecideAsync(topic, cancellationToken), MaxAttempts, cancellationToken);

        // Every attempt lost to a concurrent writer: whoever won made the transition, so report the topic as it is now.
        return settled.IsSuccess ? settled.Value : await store.FindAsync(observed.Id, cancellationToken);
    }

    /// <summary>The threshold or the expiry, if due on the topic as read now; otherwise nothing to change.</summary>
    private async Task<Result<AggregateChange<Topic>>> DecideAsync(Topic topic, CancellationToken cancellationToken)
    {
        if (policy.Assess(topic, topic.SecondCount) == SecondingOutcome.None)
        {
            return AggregateChange<Topic>.Unchanged(topic);
        }

        // The counter says "due": confirm against the seconds themselves before an irreversible transition.
        var outcome = policy.Assess(topic, await store.CountSecondsAsync(topic.CommunityId, topic.Id, cancellationToken));
        if (outcome == SecondingOutcome.None)
        {
            return AggregateChange<Topic>.Unchanged(topic);
        }

        var action = outcome == SecondingOutcome.ReachThreshold ? TopicAction.ReachThreshold : TopicAction.Expire;
        var to = TopicStateMachine.Decide(topic.Status, action, TopicRole.System);
        if (!to.IsSuccess)
        {
            return AggregateChange<Topic>.Unchanged(topic);
        }

        return action == TopicAction.ReachThreshold
            ? writer.Change(
                topic,
                topic with { Status = to.Value, ThresholdReachedAt = policy.Now },
                "topic.threshold_reached",
                AuditLog.SystemActor,
                null,
                [writer.Event(EventTypes.TopicThresholdReached, topic, AuditLog.SystemActor, new JsonObject { ["secondThreshold"] = policy.Threshold, ["secondCount"] = topic.SecondCount, ["status"] = "待议事" })])
            : writer.Change(
                topic,
                topic with { Status = to.Value, StatusReason = $"附议期内未达到 {policy.Threshold} 人附议" },
                "topic.expired",
                AuditLog.SystemActor,
                null,
                []);
    }
}
