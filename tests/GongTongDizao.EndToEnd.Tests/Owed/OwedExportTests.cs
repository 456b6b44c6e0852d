using System.Text.Json;

namespace GongTongDizao.EndToEnd.Tests.Owed;

/// <summary>Issue 21: the export holds every kind of record the system keeps about the person.</summary>
[Collection(OwedCollection.Name)]
public sealed class OwedExportTests(OwedFixture host)
{
    [Fact]
    public async Task The_export_holds_preferences_subscription_decisions_and_quotas_and_meeting_registrations()
    {
        var (street, community, _) = await host.ImportStreetAsync();
        var (federation, _) = await host.NewStaffAsync(community, "womensFederationWorker", street, "妇联干部");
        var (author, _) = await host.NewResidentAsync(community, "发起人");
        var (person, _) = await host.NewResidentAsync(community, "要导出的人");
        var topicId = await host.NewTopicAsync(author, community, "增设休息座椅");
        for (var i = 0; i < 10; i++)
        {
            var (seconder, _) = await host.NewResidentAsync(community, $"附议人{i}");
            Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", seconder)).Status);
        }

        var (_, topic) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", federation, new { startsAt = host.Clock.GetUtcNow().AddDays(2), place = "社区议事厅", agenda = "座椅放在哪里", capacity = 20 });
        var meetingId = topic.GetProperty("meetings")[0].GetProperty("id").GetString()!;
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Put, "api/me/preferences", person, new { women = true })).Status);
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, "api/me/subscriptions", person, new { results = new Dictionary<string, string> { ["topicDecided"] = "accept", ["letterReplied"] = "reject" } })).Status);
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings/{meetingId}/registration", person)).Status);
        var (_, comment) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/comments", author, new { stance = "support", content = "座椅最好放在树荫下。" });
        var commentId = comment.GetProperty("id").GetString()!;
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/comments/{commentId}/report", person)).Status);

        var (status, export) = await host.SendAsync(HttpMethod.Get, "api/me/export", person);

        Assert.Equal(200, status);
        var records = export.GetProperty("records");
        var settings = records.GetProperty("notificationSettings").EnumerateArray().ToList();
        var preferences = Assert.Single(settings, r => Kind(r) == "preferences");
        Assert.Equal((false, true, false), (preferences.GetProperty("youth").GetBoolean(), preferences.GetProperty("women").GetBoolean(), preferences.GetProperty("all").GetBoolean()));
        var decided = Assert.Single(settings, r => Kind(r) == "subscription" && r.GetProperty("templateKey").GetString() == "topicDecided");
        Assert.Equal(("accept", 1), (decided.GetProperty("decision").GetString(), decided.GetProperty("remaining").GetInt32()));
        var refused = Assert.Single(settings, r => Kind(r) == "subscription" && r.GetProperty("templateKey").GetString() == "letterReplied");
        Assert.Equal(("reject", 0), (refused.GetProperty("decision").GetString(), refused.GetProperty("remaining").GetInt32()));
        var registration = Assert.Single(records.GetProperty("topics").EnumerateArray(), r => Kind(r) == "registration");
        Assert.Equal(topicId, registration.GetProperty("topicId").GetString());
        Assert.Equal("已报名", registration.GetProperty("detail").GetString());
        var report = Assert.Single(records.GetProperty("topics").EnumerateArray(), r => Kind(r) == "report");
        Assert.Contains(commentId, report.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var kind in new[] { "auditTrail", "letters", "topics", "uploads", "notifications", "notificationSettings", "broadcasts" })
        {
            Assert.True(records.TryGetProperty(kind, out _), $"the export has no {kind}");
        }

        // Once cancelled, the registration is still a record the system keeps (to tell them of the outcome).
        await host.SendAsync(HttpMethod.Delete, $"api/topics/{topicId}/meetings/{meetingId}/registration", person);
        var (_, after) = await host.SendAsync(HttpMethod.Get, "api/me/export", person);
        Assert.Equal("已取消报名", Assert.Single(after.GetProperty("records").GetProperty("topics").EnumerateArray(), r => Kind(r) == "registration").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_staff_members_export_holds_the_notices_they_sent()
    {
        var (_, community, _) = await host.ImportStreetAsync();
        var (staff, _) = await host.NewStaffAsync(community, "youthLeagueWorker", community, "团干部");
        var (sent, broadcast) = await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", staff, new { orgId = community, audience = "youth", title = "青年夜校开课", body = "本周五晚七点在社区活动室开课。" });
        Assert.True(sent == 201, broadcast.ToString());

        var (status, export) = await host.SendAsync(HttpMethod.Get, "api/me/export", staff);

        Assert.Equal(200, status);
        var record = Assert.Single(export.GetProperty("records").GetProperty("broadcasts").EnumerateArray());
        Assert.Equal((broadcast.GetProperty("id").GetString(), "青年夜校开课", community), (record.GetProperty("broadcastId").GetString(), record.GetProperty("title").GetString(), record.GetProperty("orgId").GetString()));
    }

    private static string? Kind(JsonElement record) => record.TryGetProperty("kind", out var kind) ? kind.GetString() : null;
}
