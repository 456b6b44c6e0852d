using GongTongDizao.DevHost.Seeding;

namespace GongTongDizao.EndToEnd.Tests.Identity;

/// <summary>The activities demo, on the host that seeds the 青年点单 demo it builds on.</summary>
[Collection(IdentityCollection.Name)]
public sealed class ActivityDemoTests(IdentityFixture host)
{
    [Fact]
    public async Task The_demo_has_a_market_of_the_demo_team_with_a_waiting_list()
    {
        var waiting = await host.LoginAsync(DemoUsers.ClubMember);
        // Every page: the tests' own activities share the demo community.
        var items = new List<System.Text.Json.JsonElement>();
        string? continuation = null;
        do
        {
            var (status, page) = await host.SendAsync(HttpMethod.Get, $"api/activities?orgId={DemoData.DemoCommunityId}&upcoming=true&pageSize=50" + (continuation is null ? string.Empty : $"&continuation={Uri.EscapeDataString(continuation)}"), waiting);
            Assert.Equal(200, status);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.TryGetProperty("continuation", out var next) && next.ValueKind == System.Text.Json.JsonValueKind.String ? next.GetString() : null;
        }
        while (continuation is not null);

        var markets = items
            .Where(a => a.GetProperty("title").GetString() == DemoActivities.Title && a.GetProperty("organiserName").GetString() == DemoTeams.ServiceTeam)
            .Select(a => a.GetProperty("id").GetString()!)
            .ToList();

        // Other hosts on the same emulator may have made namesakes: ours is the one the demo person signed up for.
        var details = await Task.WhenAll(markets.Select(async id => (await host.SendAsync(HttpMethod.Get, $"api/activities/{id}", waiting)).Body));
        var market = Assert.Single(details, d => d.GetProperty("mySignUps").GetArrayLength() > 0);
        var session = market.GetProperty("sessions")[0];
        var mine = market.GetProperty("mySignUps")[0];
        Assert.Equal(("waitlisted", 1), (mine.GetProperty("status").GetString(), mine.GetProperty("waitlistPosition").GetInt32()));
        Assert.Equal((0, 1, 1), (session.GetProperty("seatsLeft").GetInt32(), session.GetProperty("waiting").GetInt32(), session.GetProperty("volunteerSeatsLeft").GetInt32()));
    }
}
