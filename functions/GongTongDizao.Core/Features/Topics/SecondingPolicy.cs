using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Topics;

public enum SecondingOutcome
{
    /// <summary>Nothing to do yet (or any more).</summary>
    None,

    ReachThreshold,

    Expire,
}

/// <summary>
/// When seconding opens and closes and what a count means (pure: the clock and the options are all it reads, so it
/// is tested with a fake clock). Seconds are accepted only while the window is open, so a count at or above the
/// threshold was reached in time even if the check runs after the deadline.
/// </summary>
public sealed class SecondingPolicy(IOptions<TopicsOptions> options, TimeProvider time)
{
    public int Threshold => options.Value.SecondThreshold;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Publishes the topic: seconding opens now and closes after the window.</summary>
    public Topic Open(Topic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var now = Now;
        return topic with { Status = TopicStatus.Proposed, PublishedAt = now, ThresholdDeadline = now + options.Value.SecondWindow, StatusReason = null };
    }

    public bool IsOpen(Topic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.Status == TopicStatus.Proposed && topic.ThresholdDeadline is { } deadline && Now < deadline;
    }

    public SecondingOutcome Assess(Topic topic, long seconds)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Status != TopicStatus.Proposed)
        {
            return SecondingOutcome.None;
        }

        if (seconds >= Threshold)
        {
            return SecondingOutcome.ReachThreshold;
        }

        return topic.ThresholdDeadline is { } deadline && Now >= deadline ? SecondingOutcome.Expire : SecondingOutcome.None;
    }
}
