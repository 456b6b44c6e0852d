using System.Text.Json;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Timers;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Activities;

/// <summary>Rain cancels the market; the list's seats; the organiser's list with names. On the real worker.</summary>
[Collection(ActivitiesCollection.Name)]
public sealed class ActivityCancellationTests(ActivitiesFixture host)
{
    private const string Reason = "因下雨取消，改期另行通知";

    [Fact]
    public async Task Rain_cancels_the_market_and_everyone_with_a_seat_or_waiting_is_told_by_inbox_and_a_subscribe_message()
    {
        var activity = await host.PublishAsync("雨天集市", capacity: 1);
        var id = activity.GetProperty("id").GetString()!;
        var (seated, waiting, other) = (await host.PersonAsync("有座"), await host.PersonAsync("候补"), await host.PersonAsync("路人"));
        foreach (var person in new[] { seated, waiting })
        {
            await host.OkAsync(HttpMethod.Post, "api/me/subscriptions", person.Token, new { results = new Dictionary<string, string> { ["activityCancelled"] = "accept" } });
            await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups", person.Token, new { sessionId = "s1", role = "participant" });
        }

        var (refused, _) = await host.SendAsync(HttpMethod.Post, $"api/activities/{id}/cancel", other.Token, new { reason = Reason });
        var cancelled = await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/cancel", await host.StaffAsync(), new { reason = Reason });

        Assert.Equal(403, refused);
        Assert.Equal(("cancelled", Reason), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("cancelReason").GetString()));
        var deliveries = host.Services.GetRequiredService<DeliveryStore>();
        foreach (var person in new[] { seated, waiting })
        {
            await Eventually.TrueAsync(async () => (await InboxAsync(person, id)).Contains(EventTypes.ActivityCancelled), TimeSpan.FromSeconds(60), "the person's inbox has the cancellation");
            var inboxId = (await host.OkAsync(HttpMethod.Get, "api/me/notifications", person.Token)).GetProperty("items").EnumerateArray()
                .Single(n => n.GetProperty("entityId").GetString() == id).GetProperty("id").GetString()!;
            var eventId = inboxId.StartsWith("n~", StringComparison.Ordinal) ? inboxId[2..] : inboxId;
            await Eventually.TrueAsync(async () => (await deliveries.FindAsync(person.Id, NotificationKinds.DeliveryId(eventId), CancellationToken.None))?.TemplateKey == "activityCancelled", TimeSpan.FromSeconds(60), "a subscribe message delivery was made for it");
        }

        // Delivery messages go to a queue that other collections' hosts on the same emulators also read (each with a
        // simulator of its own), so what WeChat receives is checked with this host's delivery handler and simulator,
        // on the event the cancellation writes, as the notifications suite checks deliveries.
        var simulator = host.Services.GetRequiredService<WeChatSimulator>();
        var listener = await host.PersonAsync("订阅者");
        await host.OkAsync(HttpMethod.Post, "api/me/subscriptions", listener.Token, new { results = new Dictionary<string, string> { ["activityCancelled"] = "accept" } });
        simulator.State.GrantQuota(WeChatSimulator.OpenIdFor(listener.Code), "local-activityCancelled", 1);
        var cancelledRoster = (await host.Services.GetRequiredService<RosterStore>().FindAsync(id, "s1", CancellationToken.None))!;
        var stored = (await host.Services.GetRequiredService<ActivityStore>().FindAsync(id, CancellationToken.None))!;
        var told = ActivityEvents.Cancelled(stored, cancelledRoster, cancelledRoster.SignUps[0], "organiser", host.Clock.GetUtcNow());
        var notice = Notice.For(told, EventRoutes.Find(EventTypes.ActivityCancelled)!, null);
        var sentRecord = await host.Services.GetRequiredService<DeliverNotification>().HandleAsync(NotifyRecipient.DeliveryFor(notice, listener.Id), CancellationToken.None);
        Assert.Equal(DeliveryStatus.Sent, sentRecord!.Status);
        var sent = simulator.State.SentMessages.Single(m => m.ToOpenId == WeChatSimulator.OpenIdFor(listener.Code) && m.TemplateId == "local-activityCancelled");
        Assert.Equal(($"pages/activities/detail?id={id}", "已取消", "雨天集市"), (sent.Page, sent.Data["phrase4"], sent.Data["thing1"]));
        Assert.StartsWith("因下雨取消", sent.Data["thing3"], StringComparison.Ordinal);

        // What a resident sees: the detail and the list mark it with the reason, and it takes no one.
        var detail = await host.ReadAsync(other.Token, id);
        Assert.Equal(("cancelled", Reason, 0), (detail.GetProperty("status").GetString(), detail.GetProperty("cancelReason").GetString(), detail.GetProperty("sessions")[0].GetProperty("seatsLeft").GetInt32()));
        Assert.Equal("activity_cancelled", Mine(await host.ReadAsync(seated.Token, id)).GetProperty("status").GetString());
        var listed = (await ListAsync(other)).Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal(("cancelled", Reason), (listed.GetProperty("status").GetString(), listed.GetProperty("cancelReason").GetString()));
        var (late, problem) = await host.SignUpAsync(other.Token, id, new { sessionId = "s1", role = "participant" });
        Assert.Equal((409, "ACTIVITY_CANCELLED", "该活动已取消"), (late, problem.GetProperty("code").GetString(), problem.GetProperty("title").GetString()));

        // Cancelling again answers the same activity and tells nobody again.
        var again = await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/cancel", await host.StaffAsync(), new { reason = "另一个原因" });
        Assert.Equal(Reason, again.GetProperty("cancelReason").GetString());
        var roster = (await host.Services.GetRequiredService<RosterStore>().FindAsync(id, "s1", CancellationToken.None))!;
        Assert.Equal(2, roster.SignUps.Count(s => s.Status == SignUpStatus.ActivityCancelled));
    }

    [Fact]
    public async Task The_reminder_of_a_cancelled_activity_does_not_go_out()
    {
        var activity = await host.PublishAsync("取消后不提醒", capacity: 2);
        var id = activity.GetProperty("id").GetString()!;
        var person = await host.PersonAsync("报名者");
        await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups", person.Token, new { sessionId = "s1", role = "participant" });
        await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/cancel", await host.StaffAsync(), new { reason = Reason });
        var startsAt = activity.GetProperty("sessions")[0].GetProperty("startsAt").GetDateTimeOffset();

        host.Clock.Advance(startsAt.AddDays(-1) - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await host.TimerAsync(new TimerMessage(ActivityRosters.ReminderKind, $"{id}~s1", id, startsAt.AddDays(-1)));

        // The timer ran to completion above, so a reminder would be in the roster (RemindedAt and its outbox) by now.
        var roster = (await host.Services.GetRequiredService<RosterStore>().FindAsync(id, "s1", CancellationToken.None))!;
        Assert.Null(roster.RemindedAt);
        Assert.DoesNotContain(roster.Outbox, e => e.Type == EventTypes.ActivitySessionReminder);
        person = await host.AgainAsync(person);
        await Eventually.TrueAsync(async () => (await InboxAsync(person, id)).Contains(EventTypes.ActivityCancelled), TimeSpan.FromSeconds(60), "the cancellation arrived");
        Assert.DoesNotContain(EventTypes.ActivitySessionReminder, await InboxAsync(person, id));
    }

    [Fact]
    public async Task The_public_list_shows_places_left_per_role_and_whether_a_waiting_list_has_formed()
    {
        var activity = await host.PublishAsync("名额展示", capacity: 1, volunteerPlaces: 2);
        var id = activity.GetProperty("id").GetString()!;
        var (first, second) = (await host.PersonAsync("先到"), await host.PersonAsync("后到"));
        await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups", first.Token, new { sessionId = "s1", role = "participant" });
        var before = (await ListAsync(first)).Single(i => i.GetProperty("id").GetString() == id).GetProperty("sessions")[0];
        await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups", second.Token, new { sessionId = "s1", role = "participant" });

        var after = (await ListAsync(first)).Single(i => i.GetProperty("id").GetString() == id).GetProperty("sessions")[0];

        Assert.Equal(("s1", 0, 2, false), (before.GetProperty("id").GetString(), before.GetProperty("seatsLeft").GetInt32(), before.GetProperty("volunteerSeatsLeft").GetInt32(), before.GetProperty("waitingList").GetBoolean()));
        Assert.Equal((0, 2, true, false), (after.GetProperty("seatsLeft").GetInt32(), after.GetProperty("volunteerSeatsLeft").GetInt32(), after.GetProperty("waitingList").GetBoolean(), after.GetProperty("volunteerWaitingList").GetBoolean()));
    }

    [Fact]
    public async Task The_organisers_list_names_volunteers_by_their_real_name_and_residents_by_nickname_never_their_phone()
    {
        var id = (await host.PublishAsync("名单测试", capacity: 2, volunteerPlaces: 2)).GetProperty("id").GetString()!;
        var volunteer = await host.VolunteerAsync("王志愿");
        var resident = await host.PersonAsync("张阿姨");
        // The volunteer's nickname differs from the real name: the list must carry the real name, as service records do.
        await host.OkAsync(HttpMethod.Put, "api/me", volunteer.Token, new { displayName = "小王昵称", homeCommunityId = ActivitiesFixture.Community });
        await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups", volunteer.Token, new { sessionId = "s1", role = "volunteer" });
        await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups", resident.Token, new { sessionId = "s1", role = "participant" });

        var (byResident, _) = await host.SendAsync(HttpMethod.Get, $"api/activities/{id}/signups", resident.Token);
        var roster = await host.OkAsync(HttpMethod.Get, $"api/activities/{id}/signups?sessionId=s1", await host.StaffAsync());
        var (gone, _) = await host.SendAsync(HttpMethod.Delete, "api/me", resident.Token);
        var erased = await host.OkAsync(HttpMethod.Get, $"api/activities/{id}/signups?sessionId=s1", await host.StaffAsync());

        Assert.Equal((403, 204), (byResident, gone));
        Assert.Equal([(volunteer.Id, "王志愿"), (resident.Id, "张阿姨")], Entries(roster));
        Assert.DoesNotContain("phone", roster.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("openId", roster.GetRawText(), StringComparison.OrdinalIgnoreCase);
        var (kept, deleted) = (Entries(erased)[0], Entries(erased)[1]);
        Assert.Equal((volunteer.Id, "王志愿"), kept);
        Assert.NotEqual(resident.Id, deleted.UserId);
        Assert.Equal("已注销", deleted.Name);
    }

    private static List<(string UserId, string? Name)> Entries(JsonElement roster) =>
        [.. roster.GetProperty("signUps").EnumerateArray().Select(e => (e.GetProperty("userId").GetString()!, e.GetProperty("name").GetString()))];

    private async Task<List<JsonElement>> ListAsync(Resident person)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var page = await host.OkAsync(HttpMethod.Get, $"api/activities?orgId={ActivitiesFixture.Community}&pageSize=50{(continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation))}", person.Token);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);
        return items;
    }

    private async Task<List<string>> InboxAsync(Resident person, string activityId) =>
        [.. (await host.OkAsync(HttpMethod.Get, "api/me/notifications", person.Token)).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("entityId").GetString() == activityId)
            .Select(n => n.GetProperty("eventType").GetString()!)];

    private static JsonElement Mine(JsonElement activity) => activity.GetProperty("mySignUps").EnumerateArray().Single();
}
