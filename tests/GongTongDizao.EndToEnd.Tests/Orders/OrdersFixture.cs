using System.Globalization;
using System.Text.Json;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Orders;

/// <summary>A volunteer as the tests need one: their token and id.</summary>
public sealed record Volunteer(string Token, string Id);

/// <summary>
/// One DevHost for the 青年点单 tests, with a clock the tests move (take timeout, rating window). Every test builds its
/// own residents and teams through the API, so tests do not depend on each other's orders.
/// </summary>
public sealed class OrdersFixture : DevHostFixture
{
    public const string Community = DemoData.DemoCommunityId;
    public const string Street = "420106001";
    public const string OtherStreet = "420106008";
    public const string OtherCommunity = "420106008001";

    private int _phone;

    public Task<string> StaffAsync() => this.LoginAsync(DemoUsers.YouthWorker);

    /// <summary>Short enough for the tests to move the clock past, long enough that no real queue delay fires mid-test.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    protected override bool UsesShiftableClock => true;

    protected override IEnumerable<string> Arguments() =>
    [
        .. base.Arguments(),
        $"--Orders:TakeTimeout={Window}",
        $"--Orders:RatingWindow={Window}",
    ];

    public async Task<Volunteer> PersonAsync(string name, string community = Community)
    {
        var token = await this.LoginAsync($"dev-{Guid.NewGuid():N}");
        var me = await OkAsync(HttpMethod.Put, "api/me", token, new { displayName = name, homeCommunityId = community });
        return new Volunteer(token, me.GetProperty("id").GetString()!);
    }

    /// <summary>A person with a verified phone and a volunteer profile (a guardian's consent when <paramref name="guardian"/>).</summary>
    public async Task<Volunteer> VolunteerAsync(string name, int age = 25, bool guardian = false)
    {
        var person = await PersonAsync(name);
        var phone = string.Create(CultureInfo.InvariantCulture, $"139{(uint)(Guid.NewGuid().GetHashCode() + Interlocked.Increment(ref _phone)) % 100_000_000:D8}");
        await OkAsync(HttpMethod.Post, "api/me/phone", person.Token, new { code = Services.GetRequiredService<WeChatSimulator>().State.IssuePhoneCode(phone) });
        var birthYear = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year - age - 1;
        await OkAsync(HttpMethod.Put, "api/me/volunteer", person.Token, guardian
            ? new { realName = name, birthYear, guardian = new { guardianName = name + "家长", relation = "母亲" } }
            : (object)new { realName = name, birthYear });
        return person;
    }

    /// <summary>A new youth-league worker whose scope is <paramref name="orgId"/> (granted with the administrator's key).</summary>
    public async Task<string> StaffOfAsync(string orgId)
    {
        var person = await PersonAsync("团委工作人员", OtherCommunity);
        var (status, body) = await this.SendAsync(HttpMethod.Post, $"api/manage/users/{person.Id}/roles", body: new { role = "youthLeagueWorker", orgId }, functionKey: MasterKey);
        Assert.True(status == 200, body.ToString());
        return person.Token;
    }

    /// <summary>A team created by a youth-league worker of <paramref name="orgId"/>, led by a new volunteer.</summary>
    public async Task<(string TeamId, Volunteer Leader)> TeamAsync(string name, string orgId = Street)
    {
        var leader = await VolunteerAsync(name + "队长");
        var staff = orgId == Street ? await StaffAsync() : await StaffOfAsync(orgId);
        var team = await OkAsync(HttpMethod.Post, "api/staff/teams", staff, new { name, kind = "volunteer_team", orgId, leaderIds = new[] { leader.Id }, categories = new[] { "digital_help" } });
        return (team.GetProperty("id").GetString()!, leader);
    }

    /// <summary>A volunteer who asked to join the team and whom its leader let in.</summary>
    public async Task<Volunteer> MemberAsync(string teamId, Volunteer leader, string name, int age = 25, bool guardian = false)
    {
        var member = await VolunteerAsync(name, age, guardian);
        await OkAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests", member.Token, new { note = "我想参加" });
        await OkAsync(HttpMethod.Post, $"api/teams/{teamId}/join-requests/{member.Id}/approve", leader.Token);
        return member;
    }

    public async Task<JsonElement> PlaceAsync(string token, string title = "教我用手机挂号")
    {
        var now = Clock.GetUtcNow();
        var (status, order) = await this.SendAsync(HttpMethod.Post, "api/orders", token, new
        {
            category = "digital_help",
            title,
            details = "家里老人想学用手机挂号，希望有志愿者上门教一教。",
            place = new { orgId = Community, address = "3 栋 2 单元 501" },
            wantedFrom = now.AddHours(2),
            wantedTo = now.AddDays(2),
            contact = new { name = "王阿姨", phone = "13800000000" },
        });
        Assert.True(status == 201, order.ToString());
        return order;
    }

    /// <summary>An order placed by a new resident and approved by the office.</summary>
    public async Task<(string OrderId, Volunteer Resident)> ApprovedAsync()
    {
        var resident = await PersonAsync("居民王阿姨");
        var id = (await PlaceAsync(resident.Token)).GetProperty("id").GetString()!;
        await OkAsync(HttpMethod.Post, $"api/orders/{id}/approve", await StaffAsync());
        return (id, resident);
    }

    public Task<(int Status, JsonElement Body)> ActAsync(string token, string orderId, string action, object? body = null) =>
        this.SendAsync(HttpMethod.Post, $"api/orders/{Uri.EscapeDataString(orderId)}/{action}", token, body);

    public Task<(int Status, JsonElement Body)> ReadAsync(string token, string orderId) =>
        this.SendAsync(HttpMethod.Get, $"api/orders/{Uri.EscapeDataString(orderId)}", token);

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var (status, json) = await this.SendAsync(method, path, token, body);
        Assert.True(status is >= 200 and < 300, $"{method} {path}: {status} {json}");
        return json;
    }
}

[CollectionDefinition(Name)]
public sealed class OrdersCollection : ICollectionFixture<OrdersFixture>
{
    public const string Name = "Orders";
}
