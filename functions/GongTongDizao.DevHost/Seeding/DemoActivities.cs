using System.Text.Json;

namespace GongTongDizao.DevHost.Seeding;

/// <summary>
/// The activities demo, made the way people make it: the leader of the demo service team publishes a weekend charity
/// market a week ahead with two participant places and two volunteer places; three demo residents sign up, so the
/// third waits (the waiting list the demo shows), and a demo volunteer signs up to serve. An upcoming market of that
/// team already there is left alone (a reused emulator).
/// </summary>
internal sealed class DemoActivities(DemoApi api, IReadOnlyDictionary<string, DemoSession> people, TimeProvider time)
{
    public const string Title = "周末公益集市";

    public async Task SeedAsync(string serviceTeam, CancellationToken cancellationToken)
    {
        var leader = people[DemoUsers.TeamLeader];
        var listed = await api.SendAsync(HttpMethod.Get, $"activities?orgId={DemoData.DemoCommunityId}&upcoming=true&pageSize=50", null, leader.Credentials, "list the demo activities", cancellationToken);
        if (listed.GetProperty("items").EnumerateArray().Any(a => a.GetProperty("title").GetString() == Title && a.GetProperty("organiserName").GetString() == DemoTeams.ServiceTeam))
        {
            return;
        }

        var start = time.GetUtcNow().AddDays(7);
        var activity = await api.SendAsync(HttpMethod.Post, "activities", new
        {
            title = Title,
            kind = "volunteer_market",
            description = "昙华林社区周末公益集市：旧物交换、义剪、健康咨询。居民报名参加，志愿者报名服务。",
            place = new { orgId = DemoData.DemoCommunityId, address = "昙华林社区广场" },
            teamId = serviceTeam,
            sessions = new[] { new { startsAt = start, endsAt = start.AddHours(3), capacity = 2, volunteerPlaces = 2 } },
            signUpOpensAt = time.GetUtcNow().AddMinutes(-1),
            signUpClosesAt = start.AddDays(-1),
            cancelCutoffHours = 24,
            terms = "请准时到场；不能参加请提前一天取消。",
        }, leader.Credentials, "publish the demo market", cancellationToken);
        var id = activity.GetProperty("id").GetString()!;
        foreach (var code in new[] { DemoUsers.Resident, DemoUsers.Resident2, DemoUsers.ClubMember })
        {
            await SignUpAsync(id, code, "participant", cancellationToken);
        }

        await SignUpAsync(id, DemoUsers.TeamMember, "volunteer", cancellationToken);
    }

    private Task<JsonElement> SignUpAsync(string activityId, string code, string role, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Post, $"activities/{activityId}/signups", new { sessionId = "s1", role, acceptTerms = true }, people[code].Credentials, $"sign {code} up for the demo market", cancellationToken);
}
