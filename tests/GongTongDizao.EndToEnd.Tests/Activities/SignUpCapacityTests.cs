using System.Text.Json;

namespace GongTongDizao.EndToEnd.Tests.Activities;

[Collection(ActivitiesCollection.Name)]
public sealed class SignUpCapacityTests(ActivitiesFixture host)
{
    [Fact]
    public async Task Fifty_concurrent_sign_ups_for_ten_seats_register_exactly_ten_and_waitlist_forty_in_arrival_order()
    {
        var activity = await host.PublishAsync("容量测试集市", capacity: 10);
        var id = activity.GetProperty("id").GetString()!;
        var people = await host.PeopleAsync(50);

        var answers = await Task.WhenAll(people.Select(p => host.SignUpAsync(p.Token, id, new { sessionId = "s1", role = "participant" })));

        Assert.All(answers, a => Assert.True(a.Status == 201, a.Body.ToString()));
        var signUps = answers.Select(a => a.Body).ToList();
        var registered = signUps.Where(s => s.GetProperty("status").GetString() == "registered").ToList();
        var waitlisted = signUps.Where(s => s.GetProperty("status").GetString() == "waitlisted").ToList();
        Assert.Equal(10, registered.Count);
        Assert.Equal(40, waitlisted.Count);

        // Arrival order is the order the roster writes succeeded: every registered arrived before every waitlisted, and
        // the waiting list is numbered 1..40 by arrival.
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), signUps.Select(s => s.GetProperty("sequence").GetInt64()).Order());
        Assert.True(registered.Max(Sequence) < waitlisted.Min(Sequence));
        var roster = await host.OkAsync(HttpMethod.Get, $"api/activities/{id}/signups?sessionId=s1", await host.StaffAsync());
        var positions = roster.GetProperty("signUps").EnumerateArray()
            .Select(e => e.GetProperty("signUp"))
            .Where(s => s.GetProperty("status").GetString() == "waitlisted")
            .Select(s => (Sequence: Sequence(s), Position: s.GetProperty("waitlistPosition").GetInt32()))
            .ToList();
        Assert.Equal(Enumerable.Range(1, 40), positions.OrderBy(p => p.Sequence).Select(p => p.Position));

        var read = await host.ReadAsync(people[0].Token, id);
        var session = read.GetProperty("sessions")[0];
        Assert.Equal((0, 40), (session.GetProperty("seatsLeft").GetInt32(), session.GetProperty("waiting").GetInt32()));
        Assert.Single(read.GetProperty("mySignUps").EnumerateArray());
    }

    [Fact]
    public async Task The_same_person_cannot_sign_up_twice_for_one_session()
    {
        var id = (await host.PublishAsync("重复报名测试")).GetProperty("id").GetString()!;
        var person = await host.PersonAsync("居民甲");

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => host.SignUpAsync(person.Token, id, new { sessionId = "s1", role = "participant" })));

        Assert.Single(answers, a => a.Status == 201);
        Assert.All(answers.Where(a => a.Status != 201), a => Assert.Equal((409, "ALREADY_SIGNED_UP"), (a.Status, a.Body.GetProperty("code").GetString())));
        var session = (await host.ReadAsync(person.Token, id)).GetProperty("sessions")[0];
        Assert.Equal(9, session.GetProperty("seatsLeft").GetInt32());
    }

    private static long Sequence(JsonElement signUp) => signUp.GetProperty("sequence").GetInt64();
}
