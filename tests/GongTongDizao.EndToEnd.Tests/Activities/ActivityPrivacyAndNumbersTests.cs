using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class ActivityPrivacyAndNumbersTests(ActivitiesFixture host)
{
    [Fact]
    public async Task A_guardians_childcare_sign_up_is_exported_and_erased_with_the_account_while_the_seat_count_stays()
    {
        var activity = await host.PublishAsync("假日托管", capacity: 3, kind: "holiday_childcare", change: r =>
        {
            r["eligibility"] = new { childMinAge = 6, childMaxAge = 12 };
            return r;
        });
        var id = activity.GetProperty("id").GetString()!;
        var guardian = await host.PersonAsync("家长");
        var (tooYoung, problem) = await host.SignUpAsync(guardian.Token, id, new { sessionId = "s1", role = "participant", child = new { name = "小宝", age = 4 } });
        var (signed, signUp) = await host.SignUpAsync(guardian.Token, id, new { sessionId = "s1", role = "participant", child = new { name = "小明", age = 8 } });

        var export = await host.OkAsync(HttpMethod.Get, "api/me/export", guardian.Token);
        var (gone, _) = await host.SendAsync(HttpMethod.Delete, "api/me", guardian.Token);
        var roster = await host.Services.GetRequiredService<RosterStore>().FindAsync(id, "s1", CancellationToken.None);

        Assert.Equal((409, "NOT_ELIGIBLE"), (tooYoung, problem.GetProperty("code").GetString()));
        Assert.Equal(201, signed);
        var exported = Assert.Single(export.GetProperty("records").GetProperty("activitySignUps").EnumerateArray());
        Assert.Equal(("小明", 8), (exported.GetProperty("child").GetProperty("name").GetString(), exported.GetProperty("child").GetProperty("age").GetInt32()));
        Assert.Equal(204, gone);
        var kept = Assert.Single(roster!.SignUps);
        Assert.Equal(signUp.GetProperty("id").GetString(), kept.Id);
        Assert.NotEqual(guardian.Id, kept.UserId);
        Assert.Null(kept.Child);
        Assert.Equal(SignUpStatus.Registered, kept.Status);
    }

    [Fact]
    public async Task An_activity_delivering_a_topics_deed_tells_the_topics_author()
    {
        var author = await host.PersonAsync("提议人");
        var topic = await host.OkAsync(HttpMethod.Post, "api/topics", author.Token, new { communityId = ActivitiesFixture.Community, title = "楼道加装扶手", description = "老人上下楼不方便，建议在楼道加装扶手，方便大家出行。" });
        var topicId = topic.GetProperty("id").GetString()!;

        var activity = await host.PublishAsync("加装扶手志愿行动", capacity: 0, volunteerPlaces: 5, kind: "deed", change: r =>
        {
            r["topicId"] = topicId;
            return r;
        });

        Assert.Equal(topicId, activity.GetProperty("topicId").GetString());
        var id = activity.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(
            async () => (await host.OkAsync(HttpMethod.Get, "api/me/notifications", author.Token)).GetProperty("items").EnumerateArray()
                .Any(n => n.GetProperty("eventType").GetString() == "activity.deed_scheduled" && n.GetProperty("entityId").GetString() == id),
            TimeSpan.FromSeconds(60),
            "the topic's author hears of the activity");
    }

    [Fact]
    public async Task Minors_volunteer_only_with_a_guardians_consent_and_never_under_fourteen()
    {
        var id = (await host.PublishAsync("青年志愿者招募", capacity: 0, volunteerPlaces: 5)).GetProperty("id").GetString()!;
        var child = await host.VolunteerAsync("小志愿者", age: 13, guardian: true);
        var minor = await host.VolunteerAsync("少年志愿者", age: 16);
        var consented = await host.VolunteerAsync("有同意的少年", age: 16, guardian: true);
        var noProfile = await host.PersonAsync("未登记");

        var answers = await Task.WhenAll(new[] { child, minor, consented, noProfile }.Select(p => host.SignUpAsync(p.Token, id, new { sessionId = "s1", role = "volunteer" })));

        Assert.Equal(
            [(409, "VOLUNTEER_TOO_YOUNG"), (409, "GUARDIAN_CONSENT_REQUIRED"), (201, "registered"), (409, "VOLUNTEER_PROFILE_REQUIRED")],
            answers.Select(a => (a.Status, a.Status == 201 ? a.Body.GetProperty("status").GetString() : a.Body.GetProperty("code").GetString())));
        var (asParticipant, wrongRole) = await host.SignUpAsync(noProfile.Token, id, new { sessionId = "s1", role = "participant" });
        Assert.Equal((400, "VALIDATION_FAILED"), (asParticipant, wrongRole.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_numbers_of_a_node_count_the_ended_sessions_of_the_period()
    {
        // In a community of its own (the demo market and other tests' activities are in the demo community).
        var activity = await host.PublishAsync("统计测试", capacity: 2, kind: "women_culture_sports", change: r =>
        {
            r["place"] = new { orgId = ActivitiesFixture.SiblingCommunity, address = "活动室" };
            return r;
        });
        var id = activity.GetProperty("id").GetString()!;
        var people = await host.PeopleAsync(3);
        foreach (var person in people)
        {
            await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups", person.Token, new { sessionId = "s1", role = "participant" });
        }

        // The period starts with this session: sessions of other tests (and earlier runs on the same emulator) start before it.
        var from = activity.GetProperty("sessions")[0].GetProperty("startsAt").GetDateTimeOffset();
        var endsAt = activity.GetProperty("sessions")[0].GetProperty("endsAt").GetDateTimeOffset();
        host.Clock.Advance(endsAt - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await host.TimerAsync(new Core.Timers.TimerMessage(ActivityRosters.SessionEndKind, $"{id}~s1", id, endsAt));
        var query = $"api/staff/activities/stats?orgId={ActivitiesFixture.SiblingCommunity}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(host.Clock.GetUtcNow().ToString("O"))}";
        var stats = await host.OkAsync(HttpMethod.Get, query, await host.StaffAsync());

        // Hand count: one activity, one session of 2 places, both seats no-shows (nobody checked in), one still waiting.
        Assert.Equal((1, 1, 2, 2), (stats.GetProperty("activitiesHeld").GetInt32(), stats.GetProperty("sessions").GetInt32(), stats.GetProperty("placesOffered").GetInt32(), stats.GetProperty("placesFilled").GetInt32()));
        Assert.Equal((1, 0, 2, 1.0), (stats.GetProperty("waitlisted").GetInt32(), stats.GetProperty("waitlistConverted").GetInt32(), stats.GetProperty("noShows").GetInt32(), stats.GetProperty("noShowRate").GetDouble()));
        Assert.Equal(1, stats.GetProperty("womenGroupActivitiesByKind").GetProperty("women_culture_sports").GetInt32());
        var (resident, _) = await host.SendAsync(HttpMethod.Get, query, (await host.AgainAsync(people[0])).Token);
        Assert.Equal(403, resident);
    }
}
