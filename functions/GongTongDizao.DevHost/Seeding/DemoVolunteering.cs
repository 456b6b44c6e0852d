using System.Text.Json;

namespace GongTongDizao.DevHost.Seeding;

/// <summary>
/// The 青年点单 demo, made the way people make it: the demo volunteers verify a phone and fill in their volunteer
/// profile, the youth-league worker creates two teams of different kinds and names their leaders, members ask to
/// join and leaders let them in, and the demo residents place orders that the office and the teams carry to
/// submitted, pooled, taken and closed-rated. Teams and orders already there are left alone (a reused emulator).
/// </summary>
internal sealed class DemoVolunteering(DemoApi api, IReadOnlyDictionary<string, DemoSession> people, TimeProvider time, Func<string, string> issuePhoneCode)
{
    /// <summary>The demo volunteers: login code, real name, phone. Numbers no test draws (tests draw 139…).</summary>
    private static readonly (string Code, string RealName, string Phone)[] s_volunteers =
    [
        (DemoUsers.TeamLeader, "刘青", "19900001001"),
        (DemoUsers.TeamMember, "陈晨", "19900001002"),
        (DemoUsers.ClubLeader, "赵书", "19900001003"),
        (DemoUsers.ClubMember, "吴雅", "19900001004"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var (code, realName, phone) in s_volunteers)
        {
            await VolunteerProfileAsync(people[code], realName, phone, cancellationToken);
        }

        var (serviceTeam, created) = await TeamAsync(DemoTeams.ServiceTeam, "volunteer_team", DemoData.DemoCommunityId, ["digital_help", "elder_care"], "昙华林社区的青年志愿者，教老人用手机、上门助老。", DemoUsers.TeamLeader, DemoUsers.TeamMember, cancellationToken);
        var (club, _) = await TeamAsync(DemoTeams.Club, "youth_club", "420106001", ["tutoring", "companionship"], "中华路街道的青年书法爱好者，周末陪伴辅导社区孩子。", DemoUsers.ClubLeader, DemoUsers.ClubMember, cancellationToken);
        if (created)
        {
            // The orders go with the teams: a host that finds the teams (a reused emulator) finds their orders too.
            await OrdersAsync(serviceTeam, club, cancellationToken);
        }

        await new DemoActivities(api, people, time).SeedAsync(serviceTeam, cancellationToken);
    }

    private async Task VolunteerProfileAsync(DemoSession person, string realName, string phone, CancellationToken cancellationToken)
    {
        var (status, _) = await api.TrySendAsync(HttpMethod.Get, "me/volunteer", null, person.Credentials, cancellationToken);
        if (status == 200)
        {
            return;
        }

        await api.SendAsync(HttpMethod.Post, "me/phone", new { code = issuePhoneCode(phone) }, person.Credentials, $"verify the phone of {person.Person.LoginCode}", cancellationToken);
        var birthYear = time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year - 26;
        await api.SendAsync(HttpMethod.Put, "me/volunteer", new { realName, birthYear }, person.Credentials, $"save the volunteer profile of {person.Person.LoginCode}", cancellationToken);
    }

    /// <summary>The team of that name serving the demo community, created with its leader and one member when missing.</summary>
    private async Task<(string Id, bool Created)> TeamAsync(string name, string kind, string orgId, string[] categories, string profile, string leaderCode, string memberCode, CancellationToken cancellationToken)
    {
        var staff = people[DemoUsers.YouthWorker].Credentials;
        var leader = people[leaderCode];
        var member = people[memberCode];

        // Ours is the one its demo leader has a role in: hosts whose simulators give the demo people other ids may
        // share the emulator and have made a team of the same name.
        var serving = await api.SendAsync(HttpMethod.Get, $"teams?orgId={DemoData.DemoCommunityId}", null, leader.Credentials, "list the demo teams", cancellationToken);
        var existing = serving.GetProperty("items").EnumerateArray()
            .FirstOrDefault(t => t.GetProperty("name").GetString() == name && t.TryGetProperty("myRole", out var role) && role.ValueKind == JsonValueKind.String);
        if (existing.ValueKind == JsonValueKind.Object)
        {
            return (existing.GetProperty("id").GetString()!, false);
        }

        var team = await api.SendAsync(HttpMethod.Post, "staff/teams", new { name, kind, orgId, leaderIds = new[] { leader.UserId }, categories, profile }, staff, $"create {name}", cancellationToken);
        var teamId = team.GetProperty("id").GetString()!;
        await api.SendAsync(HttpMethod.Post, $"teams/{teamId}/join-requests", new { note = "我想参加志愿服务" }, member.Credentials, $"ask to join {name}", cancellationToken);
        await api.SendAsync(HttpMethod.Post, $"teams/{teamId}/join-requests/{member.UserId}/approve", null, leader.Credentials, $"let {memberCode} into {name}", cancellationToken);
        return (teamId, true);
    }

    /// <summary>Four orders of the two demo residents, one in each state the demo shows; none when they have orders already.</summary>
    private async Task OrdersAsync(string serviceTeam, string club, CancellationToken cancellationToken)
    {
        var resident = people[DemoUsers.Resident];
        var resident2 = people[DemoUsers.Resident2];
        var mine = await api.SendAsync(HttpMethod.Get, "orders/mine", null, resident.Credentials, "list the demo resident's orders", cancellationToken);
        if (mine.GetProperty("items").GetArrayLength() > 0)
        {
            return;
        }

        var office = people[DemoUsers.YouthWorker].Credentials;
        var serviceLeader = people[DemoUsers.TeamLeader];
        var clubLeader = people[DemoUsers.ClubLeader];

        await PlaceAsync(resident, DemoOrders.Submitted, "errands", "腿脚不便，想请志愿者帮忙去药店买降压药。", cancellationToken);

        var pooled = await PlaceAsync(resident, DemoOrders.Pooled, "elder_care", "老人独居，想请志愿者每周上门陪聊一次、量量血压。", cancellationToken);
        await ActAsync(office, pooled, "approve", null, cancellationToken);
        await ActAsync(office, pooled, "pool", null, cancellationToken);

        var taken = await PlaceAsync(resident2, DemoOrders.Taken, "digital_help", "想学用手机在网上挂号和交电费，请志愿者上门教一教。", cancellationToken);
        await ActAsync(office, taken, "approve", null, cancellationToken);
        await ActAsync(office, taken, "dispatch", new { teamId = serviceTeam }, cancellationToken);
        await ActAsync(serviceLeader.Credentials, taken, "take", new { teamId = serviceTeam, volunteerIds = new[] { serviceLeader.UserId, people[DemoUsers.TeamMember].UserId } }, cancellationToken);

        var rated = await PlaceAsync(resident2, DemoOrders.Rated, "tutoring", "孩子上小学三年级，周末想请志愿者辅导一下书法。", cancellationToken);
        await ActAsync(office, rated, "approve", null, cancellationToken);
        await ActAsync(office, rated, "dispatch", new { teamId = club }, cancellationToken);
        await ActAsync(clubLeader.Credentials, rated, "take", new { teamId = club, volunteerIds = new[] { clubLeader.UserId, people[DemoUsers.ClubMember].UserId } }, cancellationToken);
        await ActAsync(clubLeader.Credentials, rated, "deliver", new { note = "周六上午辅导了两个小时，孩子进步很快。" }, cancellationToken);
        await ActAsync(resident2.Credentials, rated, "rating", new { stars = 5, comment = "志愿者很耐心，孩子很喜欢。" }, cancellationToken);
    }

    private async Task<string> PlaceAsync(DemoSession resident, string title, string category, string details, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var order = await api.SendAsync(HttpMethod.Post, "orders", new
        {
            category,
            title,
            details,
            place = new { orgId = DemoData.DemoCommunityId, address = "1 栋 2 单元 301" },
            wantedFrom = now.AddHours(2),
            wantedTo = now.AddDays(3),
            contact = new { name = resident.Person.DisplayName, phone = "19900002001" },
        }, resident.Credentials, $"place the order {title}", cancellationToken);
        return order.GetProperty("id").GetString()!;
    }

    private Task<JsonElement> ActAsync(Credentials who, string orderId, string action, object? body, CancellationToken cancellationToken) =>
        api.SendAsync(HttpMethod.Post, $"orders/{Uri.EscapeDataString(orderId)}/{action}", body, who, $"{action} the demo order", cancellationToken);
}

/// <summary>The demo teams by name (tests and the simulator console find them by it).</summary>
public static class DemoTeams
{
    public const string ServiceTeam = "昙华林青年志愿服务队";
    public const string Club = "中华路青年书法社";
}

/// <summary>The demo orders by title, one per state they are left in.</summary>
public static class DemoOrders
{
    public const string Submitted = "帮忙买药";
    public const string Pooled = "独居老人陪聊";
    public const string Taken = "教我用手机挂号";
    public const string Rated = "周末书法辅导";
}
