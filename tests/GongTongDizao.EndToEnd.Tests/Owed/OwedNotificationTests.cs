using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Owed;

/// <summary>Issue 21: the people who should be told and were not, told through the real queues.</summary>
[Collection(OwedCollection.Name)]
public sealed class OwedNotificationTests(OwedFixture host)
{
    [Fact]
    public async Task Reaching_the_threshold_tells_the_proposer_and_every_seconder_and_sends_the_subscribe_message_where_there_is_quota()
    {
        var (street, community, _) = await host.ImportStreetAsync();
        var (representative, _) = await host.NewStaffAsync(community, "womenRepresentative", community, "妇女代表");
        var code = $"dev-{Guid.NewGuid():N}";
        var proposer = await host.LoginAsync(code);
        var (_, me) = await host.SendAsync(HttpMethod.Put, "api/me", proposer, new { displayName = "发起人", homeCommunityId = community });
        var proposerId = me.GetProperty("id").GetString()!;
        // The proposer allowed one message of this template (the client reports the popup's answer).
        var (reported, _) = await host.SendAsync(HttpMethod.Post, "api/me/subscriptions", proposer, new { results = new Dictionary<string, string> { ["topicThresholdReached"] = "accept" } });
        host.Services.GetRequiredService<WeChatSimulator>().State.GrantQuota(WeChatSimulator.OpenIdFor(code), "local-topicThresholdReached", 1);
        var topicId = await host.NewTopicAsync(proposer, community, "小区增设晾衣架");
        var seconders = new List<(string Token, string UserId)>();
        for (var i = 0; i < 10; i++)
        {
            seconders.Add(await host.NewResidentAsync(community, $"附议人{i}"));
        }

        foreach (var (token, _) in seconders)
        {
            Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/topics/{topicId}/second", token)).Status);
        }

        Assert.Equal(200, reported);
        var told = await host.InboxItemAsync(proposer, "topic.threshold_reached", topicId);
        Assert.Equal("议题附议人数已达标", told.GetProperty("title").GetString());
        Assert.Equal($"pages/topics/detail?id={Uri.EscapeDataString(topicId)}", told.GetProperty("page").GetString());
        foreach (var (token, _) in seconders)
        {
            await host.InboxItemAsync(token, "topic.threshold_reached", topicId);
        }

        await host.InboxItemAsync(representative, "topic.threshold_reached", topicId);
        var inboxId = told.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(async () => await host.DeliveryAsync(proposerId, inboxId) is { } d && d.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(90));
        var delivery = (await host.DeliveryAsync(proposerId, inboxId))!.Value;
        Assert.Equal("topicThresholdReached", delivery.GetProperty("templateKey").GetString());
        Assert.True(delivery.GetProperty("quotaTaken").GetBoolean(), delivery.ToString());
        // A seconder without a quota has the inbox item only.
        await Eventually.TrueAsync(async () => await host.DeliveryAsync(seconders[0].UserId, inboxId) is { } d && d.GetProperty("status").GetString() == "skipped", TimeSpan.FromSeconds(90));
        Assert.Equal("no_quota", (await host.DeliveryAsync(seconders[0].UserId, inboxId))!.Value.GetProperty("reason").GetString());
        Assert.NotNull(street);
    }

    [Fact]
    public async Task The_assigned_worker_is_told_with_the_due_date_and_the_author_of_a_duplicate_is_pointed_to_the_original()
    {
        var (street, community, _) = await host.ImportStreetAsync();
        var (lead, _) = await host.NewStaffAsync(community, "youthLeagueWorker", street, "团工委书记");
        var (worker, workerId) = await host.NewStaffAsync(community, "youthLeagueWorker", street, "团干部小李");
        var (first, _) = await host.NewResidentAsync(community, "先写信的人");
        var (second, _) = await host.NewResidentAsync(community, "后写信的人");
        var original = await SubmitAsync(first, "巷口路灯不亮");
        var duplicate = await SubmitAsync(second, "巷口的路灯坏了");

        Assert.Equal(200, (await host.SendAsync(HttpMethod.Post, $"api/letters/{original}/accept", lead)).Status);
        var dueAt = new DateTimeOffset(2099, 3, 10, 2, 0, 0, TimeSpan.Zero);
        var (assigned, assignedBody) = await host.SendAsync(HttpMethod.Post, $"api/letters/{original}/assign", lead, new { staffUserId = workerId, dueAt });
        var (marked, markedBody) = await host.SendAsync(HttpMethod.Post, $"api/letters/{duplicate}/duplicate", lead, new { ofLetterId = original });

        Assert.True(assigned == 200, assignedBody.ToString());
        Assert.True(marked == 200, markedBody.ToString());
        var task = await host.InboxItemAsync(worker, "letter.assigned", original);
        Assert.Equal("有一封信件指派给您办理", task.GetProperty("title").GetString());
        Assert.Equal("巷口路灯不亮：请于2099年3月10日前办理", task.GetProperty("summary").GetString());
        Assert.Equal($"pages/staff/letters/detail?id={Uri.EscapeDataString(original)}", task.GetProperty("page").GetString());
        Assert.True(await host.HasNoInboxItemAsync(lead, "letter.assigned", original), "the one who assigned is not told");

        var told = await host.InboxItemAsync(second, "letter.marked_duplicate", duplicate);
        Assert.Equal("您的来信与另一封来信反映同一问题", told.GetProperty("title").GetString());
        Assert.Contains("将随原信件一并办理（原信件办理中）", told.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal($"pages/letters/detail?id={Uri.EscapeDataString(duplicate)}&original={Uri.EscapeDataString(original)}", told.GetProperty("page").GetString());
        var (_, view) = await host.SendAsync(HttpMethod.Get, $"api/letters/{duplicate}", second);
        Assert.Equal(original, view.GetProperty("duplicateOf").GetString());
        var progress = view.GetProperty("original");
        Assert.Equal(("in_progress", "办理中"), (progress.GetProperty("status").GetString(), progress.GetProperty("statusLabel").GetString()));
        Assert.False(progress.TryGetProperty("content", out _), "the original's text belongs to its author");
        Assert.False(progress.TryGetProperty("title", out _));
        var (_, staffView) = await host.SendAsync(HttpMethod.Get, $"api/letters/{duplicate}", lead);
        Assert.False(staffView.TryGetProperty("original", out _), "staff read the original itself");
        Assert.True(await host.HasNoInboxItemAsync(first, "letter.marked_duplicate", duplicate), "the original's author is not told");
    }

    private async Task<string> SubmitAsync(string token, string title)
    {
        var (status, letter) = await host.SendAsync(HttpMethod.Post, "api/letters", token, new { category = "daily_life", title, content = title + "，晚上回家很不方便，请帮忙看看。" });
        Assert.True(status == 201, letter.ToString());
        return letter.GetProperty("id").GetString()!;
    }
}
