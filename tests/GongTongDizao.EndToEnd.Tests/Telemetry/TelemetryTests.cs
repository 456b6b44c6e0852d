using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.EndToEnd.Tests.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Telemetry;

/// <summary>
/// The custom events the admin workbook and the alerts read (docs/deploy.md), as the DevHost's handlers emit them: once
/// per saved change, with the dimensions the workbook queries, and nothing for a refused request.
/// </summary>
public sealed class TelemetryTests(TelemetryFixture host) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task A_letter_reports_each_status_change_and_its_evaluation()
    {
        var (street, community) = await host.ImportTreeAsync();
        var staff = await host.NewStaffAsync(community, "youthLeagueWorker", street);
        var (resident, _) = await host.NewResidentAsync(community, "青年小李");

        var (submitted, letter) = await host.SendAsync(HttpMethod.Post, "api/letters", resident, new { category = "daily_life", title = "小区快递柜不够用", content = "下班回家快递柜总是满的，能否增加几组？", anonymous = false, attachments = Array.Empty<string>() });
        Assert.True(submitted == 201, letter.ToString());
        var id = letter.GetProperty("id").GetString()!;
        var path = $"api/letters/{Uri.EscapeDataString(id)}";
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, path + "/accept", staff)).Status);
        Assert.Equal(409, (await host.SendAsync(HttpMethod.Post, path + "/accept", staff)).Status);
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, path + "/reply", staff, new { content = "已联系物业，下周新增两组快递柜。" })).Status);
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, path + "/evaluation", resident, new { resolved = true, satisfaction = 5, comment = "谢谢" })).Status);
        Assert.Equal(409, (await host.SendAsync(HttpMethod.Post, path + "/evaluation", resident, new { resolved = true, satisfaction = 1 })).Status);

        var changes = host.Telemetry.Where("LetterStatusChanged", "letterId", id);
        Assert.Equal(
            [("", "Submitted"), ("Submitted", "Accepted"), ("Accepted", "Replied"), ("Replied", "Closed")],
            changes.Select(e => (e.Properties["from"], e.Properties["to"])));
        Assert.All(changes, e =>
        {
            Assert.Equal(["letterId", "communityId", "from", "to", "category"], e.Properties.Keys);
            Assert.Equal(community, e.Properties["communityId"]);
            Assert.Equal("DailyLife", e.Properties["category"]);
        });
        var evaluated = Assert.Single(host.Telemetry.Where("LetterEvaluated", "letterId", id));
        Assert.Equal(
            new Dictionary<string, string> { ["letterId"] = id, ["communityId"] = community, ["resolved"] = "true", ["satisfaction"] = "5" },
            evaluated.Properties);
    }

    [Fact]
    public async Task A_topic_reports_its_held_meeting_and_its_deed_done_once_each()
    {
        var (street, community) = await host.ImportTreeAsync();
        var staff = await host.NewStaffAsync(community, "womensFederationWorker", street);
        var (author, _) = await host.NewResidentAsync(community, "提议人");
        var topicId = await host.NewTopicAsync(author, community, "小区增设晾衣架");
        foreach (var (token, _) in await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.NewResidentAsync(community))))
        {
            Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", token)).Status);
        }

        var (scheduled, withMeeting) = await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/meetings", staff, new { startsAt = host.Clock.GetUtcNow().AddHours(1), place = "社区议事厅", agenda = "晾衣架位置讨论", capacity = 20 });
        Assert.True(scheduled == 201, withMeeting.ToString());
        var minutesPath = $"api/topics/{topicId}/meetings/{withMeeting.GetProperty("meetings")[0].GetProperty("id").GetString()}/minutes";
        var minutes = new { attendees = 12, summary = "居民同意在东侧空地增设晾衣架。" };
        Assert.Equal(409, (await host.SendAsync(HttpMethod.Post, minutesPath, staff, minutes)).Status);
        host.Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, minutesPath, staff, minutes)).Status);
        Assert.Equal(409, (await host.SendAsync(HttpMethod.Post, minutesPath, staff, minutes)).Status);
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/decision", staff, new { outcome = "accepted", votesFor = 10, votesAgainst = 1, abstentions = 1, reason = "多数赞成" })).Status);
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/progress", staff, new { text = "晾衣架已安装完成", percent = 100 })).Status);
        Assert.Empty(host.Telemetry.Where("DeedDone", "topicId", topicId));
        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/complete", staff)).Status);
        Assert.Equal(409, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/complete", staff)).Status);

        var expected = new Dictionary<string, string> { ["topicId"] = topicId, ["communityId"] = community };
        Assert.Equal(expected, Assert.Single(host.Telemetry.Where("DeliberationHeld", "topicId", topicId)).Properties);
        Assert.Equal(expected, Assert.Single(host.Telemetry.Where("DeedDone", "topicId", topicId)).Properties);
    }

    [Fact]
    public async Task A_delivery_reports_its_outcome_and_template()
    {
        var (_, residentId) = await host.NewResidentAsync();
        var resident = await host.Services.GetRequiredService<UserStore>().FindAsync(residentId, CancellationToken.None);
        var deliver = host.Services.GetRequiredService<DeliverNotification>();

        DeliveryRecord? record = null;
        var events = await host.Telemetry.DuringAsync(async () => record = await deliver.HandleAsync(NotificationsFixture.Delivery(resident!), CancellationToken.None));

        Assert.Equal(DeliveryStatus.Skipped, record!.Status);
        var delivery = Assert.Single(events);
        Assert.Equal("NotificationDelivery", delivery.Name);
        Assert.Equal(new Dictionary<string, string> { ["outcome"] = "skipped", ["templateKey"] = "letterAccepted", ["count"] = "1" }, delivery.Properties);
    }
}
