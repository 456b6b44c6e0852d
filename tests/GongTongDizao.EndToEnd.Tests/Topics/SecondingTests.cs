using GongTongDizao.Core.Features.Topics;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Topics;

/// <summary>民事民提: seconds counted exactly under concurrency, the threshold, expiry by the deadline timer, withdrawal.</summary>
[Collection(TopicsCollection.Name)]
public sealed class SecondingTests(TopicsFixture host)
{
    [Fact]
    public async Task Fifty_concurrent_seconds_count_exactly_fifty_and_the_threshold_is_crossed_once()
    {
        var (author, _) = await host.NewResidentAsync();
        var topicId = await host.NewTopicAsync(author);
        var seconders = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.NewResidentAsync()));

        var results = await Task.WhenAll(seconders.Select(s => host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", s.Token)));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        var topic = await host.GetTopicAsync(author, topicId);
        Assert.Equal(50, topic.GetProperty("secondCount").GetInt64());
        Assert.Equal("deliberating", topic.GetProperty("status").GetString());
        Assert.Equal(50, await host.Services.GetRequiredService<TopicStore>().CountSecondsAsync(TopicsFixture.Community, topicId, CancellationToken.None));
        Assert.Single(await host.AuditActionsAsync(topicId), a => a == "topic.threshold_reached");
    }

    [Fact]
    public async Task A_second_sent_again_counts_once_and_only_an_existing_second_is_taken_back()
    {
        var (author, _) = await host.NewResidentAsync();
        var topicId = await host.NewTopicAsync(author);
        var (resident, _) = await host.NewResidentAsync();
        var (other, _) = await host.NewResidentAsync();

        var repeated = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", resident)));
        await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", other);
        var (firstUndo, undone) = await host.SendAsync(HttpMethod.Delete, $"api/topics/{topicId}/second", resident);
        var (secondUndo, again) = await host.SendAsync(HttpMethod.Delete, $"api/topics/{topicId}/second", resident);
        var viewed = await host.GetTopicAsync(other, topicId);

        Assert.All(repeated, r => Assert.Equal(200, r.Status));
        Assert.All(repeated, r => Assert.True(r.Body.GetProperty("seconded").GetBoolean()));
        Assert.Equal(200, firstUndo);
        Assert.Equal(1, undone.GetProperty("secondCount").GetInt64());
        Assert.Equal(200, secondUndo);
        Assert.Equal(1, again.GetProperty("secondCount").GetInt64());
        Assert.True(viewed.GetProperty("viewer").GetProperty("seconded").GetBoolean());
        Assert.False((await host.GetTopicAsync(resident, topicId)).GetProperty("viewer").GetProperty("seconded").GetBoolean());
    }

    [Fact]
    public async Task Residents_of_another_community_cannot_second()
    {
        var (author, _) = await host.NewResidentAsync();
        var topicId = await host.NewTopicAsync(author);
        var (outsider, _) = await host.NewResidentAsync(TopicsFixture.OtherCommunity);

        var (status, problem) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", outsider);

        Assert.Equal(403, status);
        Assert.Equal("FORBIDDEN", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task When_the_window_closes_short_of_the_threshold_the_deadline_timer_expires_the_topic_once()
    {
        var (author, _) = await host.NewResidentAsync();
        var short1 = await host.NewTopicAsync(author, title: "小区增设充电桩");
        var reached = await host.NewTopicAsync(author, title: "社区食堂延长营业");
        var seconders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.NewResidentAsync()));
        foreach (var (token, _) in seconders.Take(3))
        {
            await host.SendAsync(HttpMethod.Post, $"api/topics/{short1}/second", token);
        }

        await Task.WhenAll(seconders.Select(s => host.SendAsync(HttpMethod.Post, $"api/topics/{reached}/second", s.Token)));
        var deadline = DateTimeOffset.Parse((await host.GetTopicAsync(author, short1)).GetProperty("thresholdDeadline").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        host.Clock.Advance(TimeSpan.FromMinutes(61));
        var (late, lateProblem) = await host.SendAsync(HttpMethod.Post, $"api/topics/{short1}/second", seconders[5].Token);
        var dispatcher = host.Services.GetRequiredService<TimerDispatcher>();
        foreach (var topicId in new[] { short1, reached, short1 })
        {
            await dispatcher.DispatchAsync(new TimerMessage(TopicPublishing.DeadlineTimerKind, topicId, TopicsFixture.Community, deadline), CancellationToken.None);
        }

        Assert.Equal(409, late);
        Assert.Equal("INVALID_STATE", lateProblem.GetProperty("code").GetString());
        var expired = await host.GetTopicAsync(author, short1);
        Assert.Equal("expired", expired.GetProperty("status").GetString());
        Assert.Equal(3, expired.GetProperty("secondCount").GetInt64());
        Assert.Equal("deliberating", (await host.GetTopicAsync(author, reached)).GetProperty("status").GetString());
        Assert.Single(await host.AuditActionsAsync(short1), a => a == "topic.expired");
    }

    [Fact]
    public async Task The_author_may_withdraw_before_deliberation_and_nobody_else_may()
    {
        var (author, _) = await host.NewResidentAsync();
        var (neighbour, _) = await host.NewResidentAsync();
        var topicId = await host.NewTopicAsync(author);

        var (byNeighbour, _) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/withdraw", neighbour);
        var (byAuthor, withdrawn) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/withdraw", author);
        var (again, problem) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/withdraw", author);
        var (_, list) = await host.SendAsync(HttpMethod.Get, $"api/communities/{TopicsFixture.Community}/topics?status=withdrawn", neighbour);

        Assert.Equal(403, byNeighbour);
        Assert.Equal(200, byAuthor);
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Equal(409, again);
        Assert.Equal("INVALID_STATE", problem.GetProperty("code").GetString());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), t => t.GetProperty("id").GetString() == topicId);
        Assert.Equal(["topic.proposed", "topic.withdrawn"], await host.AuditActionsAsync(topicId));
    }

    [Fact]
    public async Task Held_text_waits_for_a_moderator_and_risky_text_is_refused()
    {
        var (author, _) = await host.NewResidentAsync();
        var (neighbour, _) = await host.NewResidentAsync();

        var (rejected, rejection) = await host.SendAsync(HttpMethod.Post, "api/topics", author, new { communityId = TopicsFixture.Community, title = "违禁词的议题", description = "这是一段包含违禁词的描述内容，应被拒绝。" });
        var (created, held) = await host.SendAsync(HttpMethod.Post, "api/topics", author, new { communityId = TopicsFixture.Community, title = "待审核的议题", description = "这段描述需要人工审核，暂不公开。" });
        var topicId = held.GetProperty("id").GetString()!;
        var (hiddenFromNeighbour, _) = await host.SendAsync(HttpMethod.Get, $"api/topics/{topicId}", neighbour);

        var moderation = host.Services.GetServices<GongTongDizao.Core.Moderation.IModerationSource>().Single(s => s.ItemType == "topic");
        var queued = new List<string>();
        await foreach (var item in moderation.HeldAsync(["420106"], CancellationToken.None))
        {
            queued.Add(item.ItemId);
        }

        var moderator = await host.AccountOfAsync(DevHost.Seeding.DemoUsers.Moderator);
        var decided = await moderation.DecideAsync(new GongTongDizao.Core.Auth.Caller(moderator!), topicId, approve: true, null, CancellationToken.None);
        var published = await host.GetTopicAsync(neighbour, topicId);

        Assert.Equal(422, rejected);
        Assert.Equal("CONTENT_REJECTED", rejection.GetProperty("code").GetString());
        Assert.Equal(201, created);
        Assert.Equal("held", held.GetProperty("status").GetString());
        Assert.Equal(404, hiddenFromNeighbour);
        Assert.Contains(topicId, queued);
        Assert.True(decided.IsSuccess);
        Assert.Equal("proposed", published.GetProperty("status").GetString());
        Assert.True(published.TryGetProperty("thresholdDeadline", out _));
    }
}
