using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Features.Hours;
using GongTongDizao.Core.Timers;
using GongTongDizao.EndToEnd.Tests.Orders;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Hours;

/// <summary>
/// Activities as the hours tests need them, written through the stores (the sign-up routes are the activities' tests'
/// business): one team-organised activity with sessions starting shortly after the shared clock's now, and the given
/// people registered as volunteers of a session.
/// </summary>
internal static class HoursWorld
{
    public static Task<Activity> ActivityAsync(this OrdersFixture host, string teamId, string teamName, params (string SessionId, TimeSpan StartsIn, TimeSpan Length)[] sessions) =>
        ActivityAsync((DevHostFixture)host, teamId, teamName, sessions);

    /// <summary>The same in 积玉桥街道's community, where no other suite records hours (the numbers' test counts a node alone).</summary>
    public static async Task<Activity> ActivityElsewhereAsync(this OrdersFixture host, string teamId, string teamName, params (string SessionId, TimeSpan StartsIn, TimeSpan Length)[] sessions)
    {
        var activity = await ActivityAsync((DevHostFixture)host, teamId, teamName, sessions, OrdersFixture.OtherCommunity, ["420106", OrdersFixture.OtherStreet, OrdersFixture.OtherCommunity]);
        return activity;
    }

    /// <summary>An activity organised by the team in 昙华林社区 (any host with a shiftable clock: the matrix uses it too).</summary>
    public static Task<Activity> ActivityAsync(DevHostFixture host, string teamId, string teamName, params (string SessionId, TimeSpan StartsIn, TimeSpan Length)[] sessions) =>
        ActivityAsync(host, teamId, teamName, sessions, OrdersFixture.Community, ["420106", OrdersFixture.Street, OrdersFixture.Community]);

    private static async Task<Activity> ActivityAsync(DevHostFixture host, string teamId, string teamName, (string SessionId, TimeSpan StartsIn, TimeSpan Length)[] sessions, string placeId, IReadOnlyList<string> orgPath)
    {
        var now = host.Clock.GetUtcNow();
        var list = sessions.Select(s => new ActivitySession(s.SessionId, now + s.StartsIn, now + s.StartsIn + s.Length, 20, 10)).ToList();
        var activity = new Activity
        {
            Id = ActivityStore.NewId(),
            Title = "志愿公益集市",
            Kind = ActivityKind.VolunteerMarket,
            Description = "社区志愿公益集市，需要志愿者维持秩序、引导居民。",
            Place = new ActivityPlace(placeId, "社区广场"),
            OrgPath = orgPath,
            Organiser = new ActivityOrganiser(ActivityOrganiserKind.Team, teamId, teamName),
            Sessions = list,
            SignUpOpensAt = now.AddDays(-3),
            SignUpClosesAt = list[0].StartsAt,
            CancelCutoffHours = 2,
            CreatedBy = "test",
            CreatedAt = now.AddDays(-3),
            StartsAt = list.Min(s => s.StartsAt),
            EndsAt = list.Max(s => s.EndsAt),
        };
        await host.Services.GetRequiredService<ActivityStore>().CreateAsync(activity, CancellationToken.None);
        foreach (var session in list)
        {
            await host.Services.GetRequiredService<RosterStore>().CreateAsync(new SessionRoster
            {
                Id = SessionRoster.IdOf(activity.Id, session.Id),
                ActivityId = activity.Id,
                SessionId = session.Id,
                OrgId = activity.Place.OrgId,
                OrgPath = activity.OrgPath,
                Kind = activity.Kind,
                StartsAt = session.StartsAt,
                EndsAt = session.EndsAt,
                Capacity = session.Capacity,
                VolunteerPlaces = session.VolunteerPlaces,
            }, CancellationToken.None);
        }

        return activity;
    }

    /// <summary>Registers the people as volunteers of the session (as an accepted sign-up would); returns their sign-up ids.</summary>
    public static Task<string[]> RegisterAsync(this OrdersFixture host, Activity activity, string sessionId, params Volunteer[] people) =>
        RegisterAsync((DevHostFixture)host, activity, sessionId, [.. people.Select(p => p.Id)]);

    public static async Task<string[]> RegisterAsync(DevHostFixture host, Activity activity, string sessionId, params string[] people)
    {
        var store = host.Services.GetRequiredService<RosterStore>();
        var roster = (await store.FindAsync(activity.Id, sessionId, CancellationToken.None))!;
        var added = people.Select((p, i) => new SignUp
        {
            Id = $"{sessionId}-{Guid.NewGuid():N}",
            UserId = p,
            Role = SignUpRole.Volunteer,
            Status = SignUpStatus.Registered,
            Sequence = roster.NextSequence + i,
            SignedUpAt = host.Clock.GetUtcNow(),
            RegisteredAt = host.Clock.GetUtcNow(),
        }).ToList();
        Assert.NotNull(await store.TryReplaceAsync(roster with { SignUps = [.. roster.SignUps, .. added], NextSequence = roster.NextSequence + added.Count }, roster.ETag, CancellationToken.None));
        return [.. added.Select(s => s.Id)];
    }

    public static async Task<string> CodeAsync(this OrdersFixture host, string organiserToken, Activity activity, string sessionId)
    {
        var code = await host.OkAsync(HttpMethod.Get, $"api/activities/{activity.Id}/sessions/{sessionId}/checkin-code", organiserToken);
        return code.GetProperty("scene").GetString()!;
    }

    public static Task<(int Status, JsonElement Body)> ScanAsync(this OrdersFixture host, string token, string code, string action = "in") =>
        host.SendAsync(HttpMethod.Post, "api/checkins", token, new { code, action });

    /// <summary>Every ledger entry of a volunteer with its ETag, read straight from the store: the append-only check.</summary>
    public static async Task<Dictionary<string, string>> LedgerAsync(this OrdersFixture host, string volunteerId)
    {
        var container = host.Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Hours);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.volunteerId = @v").WithParameter("@v", volunteerId);
        using var feed = container.GetItemQueryIterator<JsonElement>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(volunteerId) });
        while (feed.HasMoreResults)
        {
            foreach (var item in await feed.ReadNextAsync())
            {
                entries[item.GetProperty("id").GetString()!] = item.GetProperty("_etag").GetString()!;
            }
        }

        return entries;
    }

    /// <summary>Asserts every entry of <paramref name="before"/> is still there, unchanged (nothing edited, nothing removed).</summary>
    public static void Unchanged(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        foreach (var (id, etag) in before)
        {
            Assert.True(after.TryGetValue(id, out var now) && now == etag, $"ledger entry {id} was edited or removed");
        }
    }

    public static Task CloseCheckOutsAsync(this OrdersFixture host, Activity activity, string sessionId, DateTimeOffset dueAt) =>
        host.Services.GetServices<ITimerHandler>().Single(h => h.Kinds.Contains(CheckOutCloser.Kind))
            .HandleAsync(new TimerMessage(CheckOutCloser.Kind, activity.Id, sessionId, dueAt), CancellationToken.None);
}
