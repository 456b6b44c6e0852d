using System.Text.Json;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Testing;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.EndToEnd.Tests.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class WaitlistOfferTests(ActivitiesFixture host)
{
    [Fact]
    public async Task A_freed_seat_is_offered_to_the_first_waiting_and_moves_on_when_the_offer_times_out()
    {
        var id = (await host.PublishAsync("递补测试", capacity: 1)).GetProperty("id").GetString()!;
        var (first, second, third) = (await host.PersonAsync("甲"), await host.PersonAsync("乙"), await host.PersonAsync("丙"));
        var seat = await SignUpAsync(first, id);
        var waitingSecond = await SignUpAsync(second, id);
        var waitingThird = await SignUpAsync(third, id);
        Assert.Equal(("registered", "waitlisted", 2), (Status(seat), Status(waitingSecond), waitingThird.GetProperty("waitlistPosition").GetInt32()));

        var cancelled = await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(seat)}/cancel", first.Token);
        Assert.Equal("cancelled", Status(cancelled));

        var offer = Mine(await host.ReadAsync(second.Token, id));
        Assert.Equal("offered", Status(offer));
        var expires = offer.GetProperty("offerExpiresAt").GetDateTimeOffset();
        Assert.Equal(host.Clock.GetUtcNow() + ActivitiesFixture.OfferTimeout, expires, TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await host.ReadAsync(third.Token, id)).GetProperty("sessions")[0].GetProperty("seatsLeft").GetInt32());

        // The second does not confirm in time: the offer lapses and the seat goes to the third.
        host.Clock.Advance(ActivitiesFixture.OfferTimeout + TimeSpan.FromMinutes(1));
        var (late, lateBody) = await host.SendAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(offer)}/accept", second.Token);
        Assert.Equal((409, "INVALID_STATE"), (late, lateBody.GetProperty("code").GetString()));
        await host.TimerAsync(new TimerMessage(ActivityRosters.OfferTimeoutKind, $"{id}~s1", id, expires, new() { ["signUpId"] = Id(offer) }));

        Assert.Equal("offer_expired", Status(Mine(await host.ReadAsync(second.Token, id))));
        var thirdOffer = Mine(await host.ReadAsync(third.Token, id));
        Assert.Equal("offered", Status(thirdOffer));
        var accepted = await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(thirdOffer)}/accept", third.Token);
        Assert.Equal("registered", Status(accepted));

        // A repeated timer message changes nothing.
        await host.TimerAsync(new TimerMessage(ActivityRosters.OfferTimeoutKind, $"{id}~s1", id, expires, new() { ["signUpId"] = Id(offer) }));
        Assert.Equal("registered", Status(Mine(await host.ReadAsync(third.Token, id))));
    }

    [Fact]
    public async Task Cancelling_after_the_cut_off_is_recorded_as_late_and_only_by_the_person_who_signed_up()
    {
        var id = (await host.PublishAsync("迟取消测试", capacity: 2)).GetProperty("id").GetString()!;
        var (early, late) = (await host.PersonAsync("早取消"), await host.PersonAsync("晚取消"));
        var earlySeat = await SignUpAsync(early, id);
        var lateSeat = await SignUpAsync(late, id);

        var (other, _) = await host.SendAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(lateSeat)}/cancel", early.Token);
        Assert.Equal(404, other);
        Assert.Equal("cancelled", Status(await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(earlySeat)}/cancel", early.Token)));

        // The session starts three days after publishing; the cut-off is 24 hours before it.
        host.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        late = await host.AgainAsync(late);
        Assert.Equal("cancelled_late", Status(await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(lateSeat)}/cancel", late.Token)));
        var (again, againBody) = await host.SendAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(lateSeat)}/cancel", late.Token);
        Assert.Equal((409, "INVALID_STATE"), (again, againBody.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task At_the_session_end_registered_people_without_a_check_in_are_recorded_as_no_show()
    {
        var activity = await host.PublishAsync("未到测试", capacity: 2);
        var id = activity.GetProperty("id").GetString()!;
        var person = await host.PersonAsync("未到者");
        await SignUpAsync(person, id);
        var endsAt = activity.GetProperty("sessions")[0].GetProperty("endsAt").GetDateTimeOffset();

        // Early (a stale or early message) does nothing; at the end the person is a no-show.
        await host.TimerAsync(new TimerMessage(ActivityRosters.SessionEndKind, $"{id}~s1", id, endsAt));
        Assert.Equal("registered", Status(Mine(await host.ReadAsync(person.Token, id))));
        host.Clock.Advance(endsAt - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        await host.TimerAsync(new TimerMessage(ActivityRosters.SessionEndKind, $"{id}~s1", id, endsAt));
        person = await host.AgainAsync(person);

        Assert.Equal("no_show", Status(Mine(await host.ReadAsync(person.Token, id))));
    }

    [Fact]
    public async Task The_day_before_registered_people_are_reminded_and_the_first_waiting_is_told_of_a_freed_seat()
    {
        var activity = await host.PublishAsync("提醒测试", capacity: 1);
        var id = activity.GetProperty("id").GetString()!;
        var (seated, waiting) = (await host.PersonAsync("有座"), await host.PersonAsync("候补"));
        var seat = await SignUpAsync(seated, id);
        await SignUpAsync(waiting, id);
        var startsAt = activity.GetProperty("sessions")[0].GetProperty("startsAt").GetDateTimeOffset();

        host.Clock.Advance(startsAt.AddDays(-1) - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        (seated, waiting) = (await host.AgainAsync(seated), await host.AgainAsync(waiting));
        await host.TimerAsync(new TimerMessage(ActivityRosters.ReminderKind, $"{id}~s1", id, startsAt.AddDays(-1)));
        await Eventually.TrueAsync(async () => (await EventTypesAsync(seated, id)).Contains(EventTypes.ActivitySessionReminder), TimeSpan.FromSeconds(60), "the registered person is reminded");

        // The seat given up within the last day is a late cancellation; the one waiting is offered it by a message.
        Assert.Equal("cancelled_late", Status(await host.OkAsync(HttpMethod.Post, $"api/activities/{id}/signups/{Id(seat)}/cancel", seated.Token)));
        await Eventually.TrueAsync(async () => (await EventTypesAsync(waiting, id)).Contains(EventTypes.ActivitySeatOffered), TimeSpan.FromSeconds(60), "the first waiting is told of the offer");
        // The reminder went out before the offer through the same queue: the one who was waiting then was not reminded.
        Assert.DoesNotContain(EventTypes.ActivitySessionReminder, await EventTypesAsync(waiting, id));
        await host.TimerAsync(new TimerMessage(ActivityRosters.ReminderKind, $"{id}~s1", id, startsAt.AddDays(-1)));
        Assert.Single(await EventTypesAsync(seated, id), EventTypes.ActivitySessionReminder);
    }

    private async Task<List<string>> EventTypesAsync(Resident person, string activityId) =>
        [.. (await host.OkAsync(HttpMethod.Get, "api/me/notifications", person.Token)).GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("entityId").GetString() == activityId)
            .Select(n => n.GetProperty("eventType").GetString()!)];

    private async Task<JsonElement> SignUpAsync(Resident person, string id)
    {
        var (status, body) = await host.SignUpAsync(person.Token, id, new { sessionId = "s1", role = "participant" });
        Assert.True(status == 201, body.ToString());
        return body;
    }

    private static JsonElement Mine(JsonElement activity) => activity.GetProperty("mySignUps").EnumerateArray().Single();

    private static string Id(JsonElement signUp) => signUp.GetProperty("id").GetString()!;

    private static string? Status(JsonElement signUp) => signUp.GetProperty("status").GetString();
}
