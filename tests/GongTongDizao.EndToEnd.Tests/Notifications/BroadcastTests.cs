using System.Diagnostics;
using System.Globalization;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;
using Xunit.Abstractions;

namespace GongTongDizao.EndToEnd.Tests.Notifications;

[Collection(NotificationsCollection.Name)]
public sealed class BroadcastTests(NotificationsFixture host, ITestOutputHelper output)
{
    /// <summary>
    /// The audience of the large broadcast: 50 by default, because ./test.sh runs it beside every other suite on two
    /// cores, where the shared emulators cannot take
    /// 10,000 in a test run's time; NOTIFICATIONS_BROADCAST_RESIDENTS=10000 runs the full size.
    /// </summary>
    private static readonly int s_residents = int.TryParse(Environment.GetEnvironmentVariable("NOTIFICATIONS_BROADCAST_RESIDENTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 50;

    [Fact]
    public async Task A_broadcast_reaches_every_opted_in_resident_of_the_subtree_and_its_counts_add_up()
    {
        var (street, community, other) = await host.ImportTreeAsync();
        var staff = await StaffAsync(Role.YouthLeagueWorker, street);
        var clock = Stopwatch.StartNew();

        var residents = await CreateResidentsAsync(community, s_residents, youth: true);
        var withQuota = residents.Take(10).ToList();
        foreach (var resident in withQuota)
        {
            await host.GrantAsync(resident, "broadcast", 1);
        }

        var notOptedIn = await CreateResidentsAsync(community, 3, youth: false);
        var outside = await CreateResidentsAsync(other, 3, youth: true);
        output.WriteLine($"{residents.Count} residents created in {clock.Elapsed.TotalSeconds:0.0} s");

        var (status, created) = await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", await host.LoginAsync(staff.Code), new
        {
            orgId = community,
            audience = "youth",
            title = "周末社区志愿服务招募",
            body = "本周六上午九点在社区广场集合，参加环境整治志愿服务，欢迎青年朋友报名。",
        });
        Assert.True(status == 201, created.ToString());
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("sending", created.GetProperty("status").GetString());

        System.Text.Json.JsonElement view = default;
        await Eventually.TrueAsync(async () =>
        {
            (_, view) = await host.SendAsync(HttpMethod.Get, $"api/staff/broadcasts/{id}", await host.LoginAsync(staff.Code));
            return view.GetProperty("status").GetString() == "done";
        }, TimeSpan.FromMinutes(Math.Max(8, s_residents / 1000)));
        output.WriteLine($"broadcast done after {clock.Elapsed.TotalSeconds:0.0} s: {view}");

        var sent = view.GetProperty("sent").GetInt32();
        Assert.Equal(s_residents, view.GetProperty("recipients").GetInt32());
        Assert.Equal(s_residents, sent + view.GetProperty("skipped").GetInt32() + view.GetProperty("failed").GetInt32());
        Assert.Equal(0, view.GetProperty("failed").GetInt32());
        // Only the ten with a quota can have received it on WeChat, and each send this host made is counted.
        Assert.InRange(sent, host.Simulator.State.SentMessages.Count(m => withQuota.Any(r => r.OpenId == m.ToOpenId)), withQuota.Count);
        foreach (var user in residents.Take(20).Concat(residents.TakeLast(5)))
        {
            var eventId = (await EventIdAsync(id, user.Id))!;
            var item = await host.InboxItemAsync(user.Id, eventId);
            Assert.Equal("周末社区志愿服务招募", item!.Title);
            if (withQuota.Contains(user))
            {
                // A recipient with a quota has a delivery of their own, and no skip on the inbox item.
                Assert.Null(item.SkippedDelivery);
                Assert.NotNull(await host.DeliveryAsync(user.Id, eventId));
            }
            else
            {
                // One without: the skip is recorded on the inbox item, in the same write, and no delivery record is written.
                Assert.Equal(("broadcast", "no_quota", id), (item.SkippedDelivery!.TemplateKey, item.SkippedDelivery.Reason, item.SkippedDelivery.BroadcastId));
                // A page of the audience query may come back short (the store ends a page where it likes), so the
                // bound is the page count the broadcast reports, not the audience divided by the page size.
                Assert.InRange(item.SkippedDelivery.FanOutPage, 1, view.GetProperty("pages").GetInt32());
                Assert.Null(await host.DeliveryAsync(user.Id, eventId));
            }
        }

        foreach (var user in notOptedIn.Concat(outside))
        {
            Assert.Null(await EventIdAsync(id, user.Id));
        }
    }

    [Fact]
    public async Task A_broadcast_many_pages_long_resumes_after_the_worker_is_killed_and_tells_everyone_exactly_once()
    {
        const int residentCount = 40;
        var (street, community, _) = await host.ImportTreeAsync();
        var staff = await StaffAsync(Role.YouthLeagueWorker, street);
        var residents = await CreateResidentsAsync(community, residentCount, youth: true);
        var withQuota = residents.Where((_, i) => i % 8 == 0).ToList();
        foreach (var resident in withQuota)
        {
            await host.GrantAsync(resident, "broadcast", 1);
        }

        var token = await host.LoginAsync(staff.Code);
        var (status, created) = await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", token, new { orgId = community, audience = "youth", title = "停水通知", body = "明天上午九点至十二点小区停水，请提前储水。" });
        Assert.True(status == 201, created.ToString());
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(0, created.GetProperty("pages").GetInt32());

        // Part-way: a couple of pages (four residents each) are saved, most are still to come.
        System.Text.Json.JsonElement view = default;
        await Eventually.TrueAsync(async () =>
        {
            (_, view) = await host.SendAsync(HttpMethod.Get, $"api/staff/broadcasts/{id}", token);
            return view.GetProperty("pages").GetInt32() >= 2;
        }, TimeSpan.FromMinutes(3));
        var pagesAtKill = view.GetProperty("pages").GetInt32();
        Assert.Equal("sending", view.GetProperty("status").GetString());
        Assert.InRange(view.GetProperty("reached").GetInt32(), 1, residentCount - 1);
        var starts = host.Host.Supervisor.Starts;
        var worker = host.Host.Supervisor.Process!.FindWorkerProcessId()!.Value;
        Process.GetProcessById(worker).Kill();
        await Eventually.TrueAsync(() => host.Host.Supervisor.Starts > starts && host.Host.Supervisor.Process?.FindWorkerProcessId() is { } restarted && restarted != worker, TimeSpan.FromSeconds(90));

        await Eventually.TrueAsync(async () =>
        {
            // While the worker restarts the host answers 503 with a problem, not a broadcast: ask again.
            (var code, view) = await host.SendAsync(HttpMethod.Get, $"api/staff/broadcasts/{id}", token);
            return code == 200 && view.GetProperty("status").GetString() == "done";
        }, TimeSpan.FromMinutes(5));
        output.WriteLine($"killed at page {pagesAtKill}, done: {view}");

        // It went on from where it was, not from the start, and every count adds up exactly once.
        Assert.True(view.GetProperty("pages").GetInt32() > pagesAtKill, view.ToString());
        Assert.InRange(view.GetProperty("pages").GetInt32(), residentCount / 4, (residentCount / 4) + 1);
        Assert.Equal(residentCount, view.GetProperty("recipients").GetInt32());
        Assert.Equal(residentCount, view.GetProperty("reached").GetInt32());
        Assert.Equal(residentCount, view.GetProperty("sent").GetInt32() + view.GetProperty("skipped").GetInt32() + view.GetProperty("failed").GetInt32());
        foreach (var user in residents)
        {
            Assert.Equal(1, await CountAsync(user.Id, "inbox", id));

            // Each delivery is recorded once: a delivery record of its own, or (no quota) the skip on the inbox item.
            var skippedOnInbox = (await host.InboxItemAsync(user.Id, (await EventIdAsync(id, user.Id))!))!.SkippedDelivery is not null ? 1 : 0;
            Assert.Equal(1, await CountAsync(user.Id, "delivery", id) + skippedOnInbox);
        }

        // Those without a quota were recorded skipped by the fan-out itself; nobody got the WeChat message twice.
        Assert.True(view.GetProperty("skipped").GetInt32() >= residentCount - withQuota.Count, view.ToString());
        Assert.All(withQuota, r => Assert.True(host.Simulator.State.SentMessages.Count(m => m.ToOpenId == r.OpenId) <= 1));
    }

    /// <summary>How many documents of <paramref name="kind"/> the person has for the broadcast (inbox items and delivery records carry its event).</summary>
    private async Task<int> CountAsync(string userId, string kind, string broadcastId)
    {
        var eventId = await EventIdAsync(broadcastId, userId);
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.userId = @u AND c.kind = @k AND c.eventId = @e")
            .WithParameter("@u", userId).WithParameter("@k", kind).WithParameter("@e", eventId);
        return (await host.Notifications.GetItemQueryIterator<int>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) }).ReadNextAsync()).Sum();
    }

    [Fact]
    public async Task Broadcasts_are_limited_per_org_and_day_and_need_the_matching_permission()
    {
        var (street, community, _) = await host.ImportTreeAsync();
        var youthWorker = await StaffAsync(Role.YouthLeagueWorker, street);
        var federationWorker = await StaffAsync(Role.WomensFederationWorker, street);
        var outsider = await StaffAsync(Role.YouthLeagueWorker, (await host.ImportTreeAsync()).Street);
        var youthToken = await host.LoginAsync(youthWorker.Code);
        object Body(string audience) => new { orgId = community, audience, title = "停水通知", body = "明日上午八点至十二点停水，请提前储水。" };

        Assert.Equal(403, (await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", youthToken, Body("women"))).Status);
        Assert.Equal(403, (await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", await host.LoginAsync(outsider.Code), Body("youth"))).Status);
        Assert.Equal(201, (await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", await host.LoginAsync(federationWorker.Code), Body("women"))).Status);
        Assert.Equal(201, (await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", youthToken, Body("youth"))).Status);
        Assert.Equal(201, (await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", youthToken, Body("all"))).Status);

        var (status, problem) = await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", youthToken, Body("youth"));

        Assert.Equal(429, status);
        Assert.Equal("RATE_LIMITED", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Risky_text_is_not_broadcast()
    {
        var (street, community, _) = await host.ImportTreeAsync();
        var staff = await StaffAsync(Role.YouthLeagueWorker, street);

        var (status, problem) = await host.SendAsync(HttpMethod.Post, "api/staff/broadcasts", await host.LoginAsync(staff.Code), new { orgId = community, audience = "youth", title = "通知", body = "这里有违禁词" });

        Assert.Equal(422, status);
        Assert.Equal("CONTENT_REJECTED", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Preferences_are_opt_in_and_read_back()
    {
        var (_, community, _) = await host.ImportTreeAsync();
        var resident = await StaffAsync(null, community);
        var token = await host.LoginAsync(resident.Code);

        var (_, before) = await host.SendAsync(HttpMethod.Get, "api/me/preferences", token);
        var (status, after) = await host.SendAsync(HttpMethod.Put, "api/me/preferences", token, new { youth = true, women = false, all = true });

        Assert.False(before.GetProperty("youth").GetBoolean());
        Assert.Equal(200, status);
        Assert.True(after.GetProperty("youth").GetBoolean());
        Assert.True(after.GetProperty("all").GetBoolean());
        Assert.False(after.GetProperty("women").GetBoolean());
    }

    /// <summary>The broadcast's event id, found from the recipient's inbox (null when they have none).</summary>
    private async Task<string?> EventIdAsync(string broadcastId, string userId)
    {
        var query = new QueryDefinition("SELECT VALUE c.eventId FROM c WHERE c.userId = @u AND c.kind = 'inbox' AND c.entityId = @b")
            .WithParameter("@u", userId).WithParameter("@b", broadcastId);
        var page = await host.Notifications.GetItemQueryIterator<string>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) }).ReadNextAsync();
        return page.FirstOrDefault();
    }

    /// <summary>Staff (or, without a role, a resident) who can log in: the id is derived from the simulator's openid as login does.</summary>
    private async Task<(UserAccount User, string Code)> StaffAsync(Role? role, string orgId)
    {
        var code = "dev-bc-" + Guid.NewGuid().ToString("N")[..12];
        var openId = WeChatSimulator.OpenIdFor(code);
        var user = new UserAccount
        {
            Id = UserIds.NewId(),
            OpenId = openId,
            HomeCommunityId = role is null ? orgId : null,
            Roles = role is { } r ? [NotificationsFixture.Role(r, orgId)] : [],
            CreatedAt = host.Time.GetUtcNow(),
        };
        return (await host.CreateLinkedAsync(user), code);
    }

    private async Task<List<UserAccount>> CreateResidentsAsync(string communityId, int count, bool youth)
    {
        var created = new System.Collections.Concurrent.ConcurrentBag<(int, UserAccount)>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 48 }, async (i, ct) =>
        {
            var user = new UserAccount { Id = UserIds.NewId(), OpenId = "o" + Guid.NewGuid().ToString("N"), HomeCommunityId = communityId, CreatedAt = host.Time.GetUtcNow() };
            await host.Users.CreateItemAsync(user, new PartitionKey(user.Id), new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct);
            await host.Notifications.CreateItemAsync(new PreferencesDocument { UserId = user.Id, Youth = youth, All = true }, new PartitionKey(user.Id), new ItemRequestOptions { EnableContentResponseOnWrite = false }, ct);
            created.Add((i, user));
        });
        return [.. created.OrderBy(c => c.Item1).Select(c => c.Item2)];
    }
}
