using System.Globalization;
using System.Text.Json;
using GongTongDizao.Core.Timers;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Activities;

/// <summary>
/// One DevHost for every activities suite, with a clock the tests move (offer timeouts, cut-offs, session ends). Each
/// test publishes its own activity relative to the clock and signs up its own residents, so tests do not share seats.
/// </summary>
/// <summary>A resident as the tests need one: the login code (to log in again after the clock moved past the token's life), token and id.</summary>
public sealed record Resident(string Code, string Token, string Id);

public sealed class ActivitiesFixture : DevHostFixture
{
    public const string Community = DemoData.DemoCommunityId;
    public const string Street = "420106001";
    public const string OtherCommunity = "420106008001";
    public const string SiblingCommunity = "420106001002";

    /// <summary>Short enough for the tests to move the clock past, long enough that no real queue delay fires mid-test.</summary>
    public static readonly TimeSpan OfferTimeout = TimeSpan.FromMinutes(10);

    private int _phone;

    protected override bool UsesShiftableClock => true;

    protected override IEnumerable<string> Arguments() =>
    [
        .. base.Arguments(),
        $"--Activities:OfferTimeout={OfferTimeout}",
    ];

    public Task<string> StaffAsync() => this.LoginAsync(DemoUsers.YouthWorker);

    public async Task<Resident> PersonAsync(string name, string community = Community)
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var token = await this.LoginAsync(code);
        var me = await OkAsync(HttpMethod.Put, "api/me", token, new { displayName = name, homeCommunityId = community });
        return new Resident(code, token, me.GetProperty("id").GetString()!);
    }

    /// <summary>The same person with a token valid at the clock's now.</summary>
    public async Task<Resident> AgainAsync(Resident person) => person with { Token = await this.LoginAsync(person.Code) };

    /// <summary><paramref name="count"/> residents of <paramref name="community"/>, made ten at a time.</summary>
    public async Task<List<Resident>> PeopleAsync(int count, string community = Community)
    {
        var people = new List<Resident>();
        foreach (var chunk in Enumerable.Range(0, count).Chunk(10))
        {
            people.AddRange(await Task.WhenAll(chunk.Select(i => PersonAsync($"居民{i}", community))));
        }

        return people;
    }

    /// <summary>A person with a verified phone and a volunteer profile of the given age (a guardian's consent when asked).</summary>
    public async Task<Resident> VolunteerAsync(string name, int age = 25, bool guardian = false)
    {
        var person = await PersonAsync(name);
        var phone = string.Create(CultureInfo.InvariantCulture, $"137{(uint)(Guid.NewGuid().GetHashCode() + Interlocked.Increment(ref _phone)) % 100_000_000:D8}");
        await OkAsync(HttpMethod.Post, "api/me/phone", person.Token, new { code = Services.GetRequiredService<WeChatSimulator>().State.IssuePhoneCode(phone) });
        var birthYear = Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year - age - 1;
        await OkAsync(HttpMethod.Put, "api/me/volunteer", person.Token, guardian
            ? new { realName = name, birthYear, guardian = new { guardianName = name + "家长", relation = "母亲" } }
            : (object)new { realName = name, birthYear });
        return person;
    }

    /// <summary>
    /// An activity published by the youth-league worker, its first session three days from the clock's now; sign-up
    /// open now. <paramref name="change"/> adjusts the request.
    /// </summary>
    public async Task<JsonElement> PublishAsync(string title, int capacity = 10, int volunteerPlaces = 0, string kind = "volunteer_market", Func<Dictionary<string, object?>, Dictionary<string, object?>>? change = null, string? token = null)
    {
        var now = Clock.GetUtcNow();
        var request = new Dictionary<string, object?>
        {
            ["title"] = title,
            ["kind"] = kind,
            ["description"] = "社区志愿公益集市，欢迎居民参加。",
            ["place"] = new { orgId = Community, address = "社区广场" },
            ["sessions"] = new[] { new { startsAt = now.AddDays(3), endsAt = now.AddDays(3).AddHours(2), capacity, volunteerPlaces } },
            ["signUpOpensAt"] = now.AddMinutes(-1),
            ["signUpClosesAt"] = now.AddDays(2),
            ["cancelCutoffHours"] = 24,
        };
        request = change?.Invoke(request) ?? request;
        var (status, body) = await this.SendAsync(HttpMethod.Post, "api/activities", token ?? await StaffAsync(), request);
        Assert.True(status == 201, body.ToString());
        return body;
    }

    public Task<(int Status, JsonElement Body)> SignUpAsync(string token, string activityId, object body) =>
        this.SendAsync(HttpMethod.Post, $"api/activities/{activityId}/signups", token, body);

    public Task<JsonElement> ReadAsync(string token, string activityId) => OkAsync(HttpMethod.Get, $"api/activities/{activityId}", token);

    /// <summary>Runs a timer as the timers queue would, on the test's view of the stores and the shared clock.</summary>
    public Task TimerAsync(TimerMessage message) =>
        Services.GetServices<ITimerHandler>().Single(h => h.Kinds.Contains(message.Kind)).HandleAsync(message, CancellationToken.None);

    public async Task<JsonElement> OkAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var (status, json) = await this.SendAsync(method, path, token, body);
        Assert.True(status is >= 200 and < 300, $"{method} {path}: {status} {json}");
        return json;
    }
}

[CollectionDefinition(Name)]
public sealed class ActivitiesCollection : ICollectionFixture<ActivitiesFixture>
{
    public const string Name = "Activities";
}
