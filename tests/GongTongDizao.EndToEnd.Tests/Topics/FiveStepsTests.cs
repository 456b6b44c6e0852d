using System.Globalization;
using System.Text.Json;
using GongTongDizao.Core.Events;
using GongTongDizao.DevHost.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Topics;

/// <summary>
/// 提、议、决、办、评 through the DevHost, in 户部巷社区 (no other test uses it, so its statistics move only here).
/// The federation worker of 中华路街道 is staff there; the women's representative of 昙华林社区 is not.
/// </summary>
[Collection(TopicsCollection.Name)]
public sealed class FiveStepsTests(TopicsFixture host)
{
    private const string Community = TopicsFixture.OtherCommunity;

    [Fact]
    public async Task A_topic_walks_through_all_five_steps_and_counts_in_the_statistics()
    {
        var staff = await host.LoginAsync(DemoUsers.FederationWorker);
        var outOfScope = await host.LoginAsync(DemoUsers.WomenRep);
        var year = host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var before = await StatsAsync(staff, Community, year);

        // 民事民提
        var (author, authorId) = await host.NewResidentAsync(Community, "提议人");
        var topicId = await host.NewTopicAsync(author, Community, "巷口路灯太暗");
        var seconders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.NewResidentAsync(Community)));
        foreach (var (token, _) in seconders)
        {
            Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", token)).Status);
        }

        var deliberating = await host.GetTopicAsync(author, topicId);
        Assert.Equal("deliberating", deliberating.GetProperty("status").GetString());
        Assert.Equal(10, deliberating.GetProperty("secondCount").GetInt64());

        // 民事民议: comments and a meeting with a waiting list
        var (commented, comment) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", seconders[0].Token, new { stance = "support", content = "晚上回家很不安全，支持尽快解决。" });
        Assert.Equal(201, commented);
        Assert.Equal("support", comment.GetProperty("stance").GetString());
        var startsAt = host.Clock.GetUtcNow().AddHours(1);
        var meetingBody = new { startsAt, place = "户部巷社区议事厅", agenda = "路灯改造方案讨论", capacity = 2 };
        Assert.Equal(403, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", outOfScope, meetingBody)).Status);
        Assert.Equal(403, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", author, meetingBody)).Status);
        var (scheduled, withMeeting) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", staff, meetingBody);
        Assert.Equal(201, scheduled);
        var meetingId = withMeeting.GetProperty("meetings")[0].GetProperty("id").GetString()!;
        var registrations = new List<JsonElement>();
        foreach (var (token, _) in seconders.Take(3))
        {
            registrations.Add((await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/registration", token)).Body);
        }

        Assert.Equal(["registered", "registered", "waiting"], registrations.Select(r => r.GetProperty("state").GetString()));
        Assert.Equal(1, registrations[2].GetProperty("waitingPosition").GetInt32());
        await host.SendAsync(HttpMethod.Delete, $"api/topics/{topicId}/meetings/{meetingId}/registration", seconders[0].Token);
        var movedUp = await host.GetTopicAsync(seconders[2].Token, topicId);
        Assert.Equal("registered", movedUp.GetProperty("meetings")[0].GetProperty("myRegistration").GetString());

        var minutes = new { attendees = 18, summary = "居民一致认为应更换为节能路灯，并增加两处照明。" };
        var (tooEarly, early) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/minutes", staff, minutes);
        Assert.Equal(409, tooEarly);
        Assert.Equal("INVALID_STATE", early.GetProperty("code").GetString());
        host.Clock.Advance(TimeSpan.FromMinutes(90));
        var (recorded, held) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/minutes", staff, minutes);
        Assert.Equal(200, recorded);
        Assert.Equal("held", held.GetProperty("meetings")[0].GetProperty("status").GetString());

        // 民事民决: the quorum (5) is checked
        var (noQuorum, quorumProblem) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/decision", staff, new { outcome = "accepted", votesFor = 3, votesAgainst = 0, abstentions = 1 });
        Assert.Equal(400, noQuorum);
        Assert.Contains("votesFor", quorumProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var (decided, accepted) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/decision", staff, new { outcome = "accepted", votesFor = 15, votesAgainst = 2, abstentions = 1, reason = "多数居民赞成" });
        Assert.Equal(200, decided);
        Assert.Equal("delivering", accepted.GetProperty("status").GetString());
        Assert.Equal(15, accepted.GetProperty("decision").GetProperty("votesFor").GetInt32());

        // 民事民办: the deed, its plan and a timeline
        var (planned, plan) = await host.SendAsync(HttpMethod.Put, $"api/topics/{topicId}/deed", staff, new { owner = "户部巷社区居委会", milestones = new[] { new { title = "采购节能路灯", dueOn = "2026-12-15" } } });
        Assert.Equal(200, planned);
        Assert.Equal("户部巷社区居委会", plan.GetProperty("deed").GetProperty("owner").GetString());
        Assert.Equal(400, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/progress", staff, new { text = "进度", percent = 101 })).Status);
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/progress", staff, new { text = "路灯已采购到位", percent = 40 })).Status);
        Assert.Equal(409, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/evaluations", seconders[1].Token, new { rating = 5 })).Status);
        var (done, delivered) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/progress", staff, new { text = "路灯全部安装完成", percent = 100 });
        Assert.Equal(200, done);
        Assert.Equal("evaluating", delivered.GetProperty("status").GetString());
        Assert.Equal([40, 100], delivered.GetProperty("deed").GetProperty("progress").EnumerateArray().Select(p => p.GetProperty("percent").GetInt32()));

        // 民事民评: once each, then staff close it as 办成实事
        var (rated, rating) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/evaluations", seconders[1].Token, new { rating = 5, comment = "晚上亮堂多了" });
        var (ratedAgain, _) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/evaluations", seconders[1].Token, new { rating = 1 });
        await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/evaluations", seconders[2].Token, new { rating = 4 });
        Assert.Equal(201, rated);
        Assert.Equal(5, rating.GetProperty("rating").GetInt32());
        Assert.Equal(409, ratedAgain);
        var (completed, closed) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/complete", staff);
        Assert.Equal(200, completed);
        Assert.Equal("completed", closed.GetProperty("status").GetString());
        Assert.Equal(2, closed.GetProperty("evaluation").GetProperty("count").GetInt64());
        Assert.Equal(4.5, closed.GetProperty("evaluation").GetProperty("averageRating").GetDouble());

        // Statistics moved by exactly this walk; the audit trail has every step.
        var after = await StatsAsync(staff, Community, year);
        Assert.Equal(1, after.DeliberationsHeld - before.DeliberationsHeld);
        Assert.Equal(1, after.DeedsDone - before.DeedsDone);
        Assert.Equal(2, after.Evaluations - before.Evaluations);
        var (_, showcase) = await host.SendAsync(HttpMethod.Get, $"api/stats/showcase?orgId=420106001&year={year}", staff);
        Assert.Contains(showcase.GetProperty("items").EnumerateArray(), e => e.GetProperty("communityId").GetString() == Community && e.GetProperty("deedsDone").GetInt64() >= 1);
        var actions = await host.AuditActionsAsync(topicId);
        foreach (var action in new[] { "topic.proposed", "topic.threshold_reached", "meeting.scheduled", "meeting.held", "topic.decided", "deed.planned", "deed.delivered", "topic.completed" })
        {
            Assert.Contains(action, actions);
        }

        // Audiences for notifications, and the author's personal data.
        var audience = host.Services.GetRequiredService<ITopicAudience>();
        var authorAndSeconders = await ToListAsync(audience.AuthorAndSecondersAsync(Community, topicId, CancellationToken.None));
        var participants = await ToListAsync(audience.ParticipantsAsync(Community, topicId, CancellationToken.None));
        Assert.Equal(11, authorAndSeconders.Count);
        Assert.Equal(authorAndSeconders.Count, authorAndSeconders.Distinct().Count());
        Assert.Equal(authorId, authorAndSeconders[0]);
        Assert.Equal(11, participants.Count);
        Assert.Equal(participants.Count, participants.Distinct().Count());
        var (_, export) = await host.SendAsync(HttpMethod.Get, "api/me/export", author);
        Assert.Contains(export.GetProperty("records").GetProperty("topics").EnumerateArray(), r => r.GetProperty("topicId").GetString() == topicId && r.GetProperty("kind").GetString() == "topic");
    }

    [Fact]
    public async Task Concurrent_registrations_never_exceed_the_capacity_and_queue_in_distinct_places()
    {
        var staff = await host.LoginAsync(DemoUsers.FederationWorker);
        var (author, _) = await host.NewResidentAsync(Community);
        var topicId = await host.NewTopicAsync(author, Community, "老旧小区加装电梯");
        var residents = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => host.NewResidentAsync(Community)));
        await Task.WhenAll(residents.Take(10).Select(r => host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", r.Token)));
        var (_, withMeeting) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", staff, new { startsAt = host.Clock.GetUtcNow().AddDays(2), place = "社区会议室", agenda = "加装电梯费用分摊", capacity = 5 });
        var meetingId = withMeeting.GetProperty("meetings")[0].GetProperty("id").GetString()!;

        var results = await Task.WhenAll(residents.Select(r => host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/registration", r.Token)));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(5, results.Count(r => r.Body.GetProperty("state").GetString() == "registered"));
        var positions = results.Where(r => r.Body.GetProperty("state").GetString() == "waiting").Select(r => r.Body.GetProperty("waitingPosition").GetInt32()).Order();
        Assert.Equal(Enumerable.Range(1, 7), positions);
        var meeting = (await host.GetTopicAsync(author, topicId)).GetProperty("meetings")[0];
        Assert.Equal(5, meeting.GetProperty("registeredCount").GetInt32());
        Assert.Equal(7, meeting.GetProperty("waitingCount").GetInt32());
    }

    private async Task<(long DeliberationsHeld, long DeedsDone, long Evaluations)> StatsAsync(string token, string orgId, int year)
    {
        var (status, stats) = await host.SendAsync(HttpMethod.Get, $"api/stats/deliberation?orgId={orgId}&year={year.ToString(CultureInfo.InvariantCulture)}", token);
        Assert.Equal(200, status);
        var totals = stats.GetProperty("totals");
        return (totals.GetProperty("deliberationsHeld").GetInt64(), totals.GetProperty("deedsDone").GetInt64(), totals.GetProperty("evaluations").GetInt64());
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
