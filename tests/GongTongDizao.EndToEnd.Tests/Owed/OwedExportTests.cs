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
        foreach (var kind in new[] { "auditTrail", "letters", "topics", "uploads", "notifications", "notificationSettings" })
        {
            Assert.True(records.TryGetProperty(kind, out _), $"the export has no {kind}");
        }

        // Once cancelled, the registration is still a record the system keeps (to tell them of the outcome).
        await host.SendAsync(HttpMethod.Delete, $"api/topics/{topicId}/meetings/{meetingId}/registration", person);
        var (_, after) = await host.SendAsync(HttpMethod.Get, "api/me/export", person);
        Assert.Equal("已取消报名", Assert.Single(after.GetProperty("records").GetProperty("topics").EnumerateArray(), r => Kind(r) == "registration").GetProperty("detail").GetString());
    }

    private static string? Kind(JsonElement record) => record.TryGetProperty("kind", out var kind) ? kind.GetString() : null;
}
