using GongTongDizao.Core.Features.Topics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.Core.Tests.Topics;

/// <summary>The threshold and the expiry with a fake clock (defaults: 10 seconds within 14 days).</summary>
public sealed class SecondingPolicyTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 8, 1, 0, 0, TimeSpan.Zero));
    private readonly SecondingPolicy _policy;

    public SecondingPolicyTests() => _policy = new SecondingPolicy(Options.Create(new TopicsOptions()), _clock);

    [Fact]
    public void Opening_sets_the_deadline_one_window_ahead()
    {
        var topic = _policy.Open(Held());

        Assert.Equal(TopicStatus.Proposed, topic.Status);
        Assert.Equal(_clock.GetUtcNow(), topic.PublishedAt);
        Assert.Equal(_clock.GetUtcNow().AddDays(14), topic.ThresholdDeadline);
        Assert.True(_policy.IsOpen(topic));
    }

    [Fact]
    public void Nine_seconds_wait_ten_reach_the_threshold_within_the_window()
    {
        var topic = _policy.Open(Held());
        _clock.Advance(TimeSpan.FromDays(13));

        Assert.Equal(SecondingOutcome.None, _policy.Assess(topic, 9));
        Assert.Equal(SecondingOutcome.ReachThreshold, _policy.Assess(topic, 10));
        Assert.Equal(SecondingOutcome.ReachThreshold, _policy.Assess(topic, 50));
    }

    [Fact]
    public void When_the_window_closes_short_of_the_threshold_the_topic_expires_and_seconding_is_closed()
    {
        var topic = _policy.Open(Held());

        _clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        Assert.Equal(SecondingOutcome.None, _policy.Assess(topic, 9));
        Assert.True(_policy.IsOpen(topic));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(SecondingOutcome.Expire, _policy.Assess(topic, 9));
        Assert.False(_policy.IsOpen(topic));
    }

    [Fact]
    public void Seconds_counted_before_the_deadline_still_reach_the_threshold_when_checked_after_it()
    {
        var topic = _policy.Open(Held());
        _clock.Advance(TimeSpan.FromDays(20));

        Assert.Equal(SecondingOutcome.ReachThreshold, _policy.Assess(topic, 10));
    }

    [Fact]
    public void Only_a_proposed_topic_is_settled()
    {
        var topic = _policy.Open(Held());
        _clock.Advance(TimeSpan.FromDays(30));

        foreach (var status in Enum.GetValues<TopicStatus>().Where(s => s != TopicStatus.Proposed))
        {
            Assert.Equal(SecondingOutcome.None, _policy.Assess(topic with { Status = status }, 0));
            Assert.Equal(SecondingOutcome.None, _policy.Assess(topic with { Status = status }, 100));
        }
    }

    [Fact]
    public void A_configured_threshold_and_window_apply()
    {
        var policy = new SecondingPolicy(Options.Create(new TopicsOptions { SecondThreshold = 3, SecondWindow = TimeSpan.FromDays(2) }), _clock);
        var topic = policy.Open(Held());

        Assert.Equal(SecondingOutcome.ReachThreshold, policy.Assess(topic, 3));
        _clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(SecondingOutcome.Expire, policy.Assess(topic, 2));
    }

    private Topic Held() => new()
    {
        Id = Topic.NewId("420106001001"),
        CommunityId = "420106001001",
        Title = "楼道加装扶手",
        Description = "老人上下楼不方便，建议在楼道加装扶手。",
        AuthorId = "u1",
        Status = TopicStatus.Held,
        CreatedAt = _clock.GetUtcNow(),
    };
}
