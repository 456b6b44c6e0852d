using System.Globalization;
using System.Text;
using System.Text.Json;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using Xunit.Abstractions;

namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>
/// Store calls per endpoint, counted (not timed) so they cannot creep up unnoticed (issue #11). Each request runs
/// twice and the second, with warm caches, is what counts. Targets: a resident read path makes one point read or one
/// single-partition query; a submit makes at most four writes (the daily limit's atomic count, the letter, its audit
/// entry, the outbox) and one queue send; no resident path queries across
/// partitions. The measured table goes to the results folder for ./bench.sh.
/// </summary>
[Collection(StoreCallCollection.Name)]
public sealed class StoreCallTests(StoreCallFixture host, ITestOutputHelper output)
{
    private const string Community = DemoData.DemoCommunityId;

    private readonly List<(string Endpoint, Kind Kind, StoreCallTally Calls, bool HasNextPage)> _rows = [];

    [Fact]
    public async Task Resident_and_staff_paths_stay_within_their_store_call_budget()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var resident = await host.LoginAsync(code);
        var (status, me) = await host.SendAsync(HttpMethod.Put, "api/me", resident, new { displayName = "青年小李", homeCommunityId = Community });
        Assert.True(status == 200, me.ToString());
        var neighbour = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        (status, me) = await host.SendAsync(HttpMethod.Put, "api/me", neighbour, new { displayName = "邻居小周", homeCommunityId = Community });
        Assert.True(status == 200, me.ToString());
        var staff = await host.LoginAsync(DemoUsers.YouthWorker);

        var login = await MeasureAsync("POST /api/auth/login", Kind.Login, _ => host.SendMeasuredAsync(HttpMethod.Post, "api/auth/login", body: new { code }));
        await MeasureAsync("GET /api/me", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, "api/me", resident));

        var letters = new List<string>();
        var submit = await MeasureAsync("POST /api/letters", Kind.Submit, async _ =>
        {
            var sent = await host.SendMeasuredAsync(HttpMethod.Post, "api/letters", resident, new { category = "employment", title = "想了解青年创业补贴", content = "您好，请问社区的青年创业补贴怎么申请？", anonymous = false, attachments = Array.Empty<string>() });
            letters.Add(sent.Body.GetProperty("id").GetString()!);
            return sent;
        });
        await MeasureAsync("GET /api/letters/{id}", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, $"api/letters/{Uri.EscapeDataString(letters[0])}", resident));
        await MeasureAsync("GET /api/letters/mine", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, "api/letters/mine", resident));
        await MeasureAsync("GET /api/me/notifications", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, "api/me/notifications", resident));

        var topics = new List<string>();
        await MeasureAsync("POST /api/topics", Kind.Write, async _ =>
        {
            var sent = await host.SendMeasuredAsync(HttpMethod.Post, "api/topics", resident, new { communityId = Community, title = "小区增设充电桩", description = "电动车越来越多，建议在小区内增设集中充电桩，避免楼道充电。" });
            topics.Add(sent.Body.GetProperty("id").GetString()!);
            return sent;
        });
        await MeasureAsync("GET /api/communities/{id}/topics", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, $"api/communities/{Community}/topics", resident));
        await MeasureAsync("GET /api/topics/{id}", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, $"api/topics/{Uri.EscapeDataString(topics[0])}", neighbour));
        var second = await MeasureAsync("POST /api/topics/{id}/second", Kind.Write, run => host.SendMeasuredAsync(HttpMethod.Post, $"api/topics/{Uri.EscapeDataString(topics[run])}/second", neighbour));
        var orders = new List<string>();
        var place = await MeasureAsync("POST /api/orders", Kind.Write, async _ =>
        {
            var sent = await host.SendMeasuredAsync(HttpMethod.Post, "api/orders", resident, new
            {
                category = "digital_help",
                title = "教我用手机挂号",
                details = "家里老人想学用手机挂号。",
                place = new { orgId = Community, address = "3 栋 501" },
                wantedFrom = host.Time.GetUtcNow().AddHours(1),
                wantedTo = host.Time.GetUtcNow().AddDays(1),
                contact = new { name = "王阿姨", phone = "13800000000" },
            });
            orders.Add(sent.Body.GetProperty("id").GetString()!);
            return sent;
        });
        await MeasureAsync("GET /api/orders/{id}", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, $"api/orders/{Uri.EscapeDataString(orders[0])}", resident));
        await MeasureAsync("GET /api/orders/mine", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, "api/orders/mine", resident));
        await MeasureAsync("GET /api/me/hours", Kind.Read, _ => host.SendMeasuredAsync(HttpMethod.Get, "api/me/hours", resident));
        await MeasureAsync("GET /api/staff/letters?orgId={community}", Kind.Staff, _ => host.SendMeasuredAsync(HttpMethod.Get, $"api/staff/letters?orgId={Community}", staff));

        // Activities: sign-up is one read-decide-write of the session roster; reading an activity is its point read, the
        // organiser check and one single-partition query of its rosters; the public list crosses partitions by node and
        // reads its page's seat summaries with one more query.
        var activities = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var start = host.Time.GetUtcNow().AddDays(3);
            (status, var published) = await host.SendAsync(HttpMethod.Post, "api/activities", staff, new
            {
                title = "社区公益集市",
                kind = "volunteer_market",
                description = "周末社区公益集市。",
                place = new { orgId = Community, address = "社区广场" },
                sessions = new[] { new { startsAt = start, endsAt = start.AddHours(2), capacity = 10 } },
                signUpOpensAt = host.Time.GetUtcNow().AddMinutes(-1),
                signUpClosesAt = start.AddDays(-1),
            });
            Assert.True(status == 201, published.ToString());
            activities.Add(published.GetProperty("id").GetString()!);
        }

        var signUp = await MeasureAsync("POST /api/activities/{id}/signups", Kind.Write, run => host.SendMeasuredAsync(HttpMethod.Post, $"api/activities/{activities[run]}/signups", resident, new { sessionId = "s1", role = "participant" }));
        var readActivity = await MeasureAsync("GET /api/activities/{id}", Kind.Detail, _ => host.SendMeasuredAsync(HttpMethod.Get, $"api/activities/{activities[0]}", resident));
        var listActivities = await MeasureAsync("GET /api/activities?orgId={community}", Kind.PublicListing, _ => host.SendMeasuredAsync(HttpMethod.Get, $"api/activities?orgId={Community}&upcoming=true", resident));

        var table = Table();
        output.WriteLine(table);
        Directory.CreateDirectory(CaseTally.ResultsFolder());
        await File.WriteAllTextAsync(Path.Combine(CaseTally.ResultsFolder(), "store-calls.md"), table);

        foreach (var (endpoint, kind, calls, hasNextPage) in _rows)
        {
            if (kind is not (Kind.Staff or Kind.PublicListing))
            {
                Assert.True(calls.CrossPartitionQueries == 0, $"{endpoint} queried across partitions: {calls}");
            }

            if (kind == Kind.Read && hasNextPage)
            {
                // A page with a next one is where the SDK may give up direct execution (an ORDER BY whose continuation it
                // must own) and fall back to asking for a plan and querying again: at most that, never more, no writes.
                Assert.True(calls.PointReads == 0 && calls.Queries <= 2 && calls.QueryPlans <= 1 && calls.Writes == 0, $"{endpoint} should make one single-partition query, or the SDK's one fallback: {calls}");
            }
            else if (kind == Kind.Read)
            {
                Assert.True(calls.PointReads + calls.Queries <= 1 && calls.Writes == 0, $"{endpoint} should make one point read or one single-partition query: {calls}");

                // A query naming its partition goes straight to it (optimistic direct execution), without a plan first.
                Assert.True(calls.QueryPlans == 0, $"{endpoint} asked the gateway for a query plan: {calls}");
            }
        }

        // The counts come from the worker's call log: a path that must write shows its writes, so a log that stops
        // arriving fails here instead of passing on zeros (as it did while the worker never got the log switch).
        Assert.True(submit.Writes > 0 && login.Writes > 0, $"the store-call log is not arriving: {submit}; {login}");

        // A returning person's login: the openid's link, then one patch of the account (no read before the write).
        Assert.True(login.PointReads <= 1 && login.Writes <= 1, $"login should read the openid link and patch the account once: {login}");

        // The daily limit's count replaces the account as authenticated (its ETag), so a submit reads nothing first.
        Assert.True(submit.PointReads == 0, $"submit should not read before it writes: {submit}");

        // Seconding: the topic's read, then the second with its two counts in one transactional batch (CountedWrites).
        Assert.True(second.PointReads <= 1 && second.Writes <= 1, $"seconding should read the topic once and write once (one batch): {second}");

        // The daily limit is an atomic count on the resident's account (one conditional write, issue #19) instead of a
        // COUNT query that parallel submits could all pass: one more write, one query fewer.
        Assert.True(submit.Writes <= 4, $"submit should write at most four times (day count, letter, audit, outbox): {submit}");
        // The target is one send, but the accept deadline's timer is a delayed message of its own (the reply deadline's
        // is now chained from it). Folding it into the letter.submitted event would mean the events consumer scheduling
        // letter deadlines: a design change left for later, so this pins the true figure of two.
        Assert.True(submit.QueueSends <= 2, $"submit should send the event and one timer, no more: {submit}");
        // An order: the day's slot (one conditional patch, no read), the order, its audit entry, the outbox cleared; one event sent.
        Assert.True(place.Writes <= 4 && place.PointReads == 0 && place.QueueSends <= 1, $"placing an order should read nothing, write at most four times and send one event: {place}");
        // A sign-up: the activity and the roster read once each, the roster written once (seat and arrival number
        // together) and its audit entry; nothing to publish.
        Assert.True(signUp.PointReads <= 2 && signUp.Writes <= 2 && signUp.QueueSends == 0, $"a sign-up should read the activity and the roster and write the roster and its audit entry: {signUp}");
        Assert.True(readActivity.PointReads <= 1 && readActivity.Queries <= 1 && readActivity.Writes == 0, $"reading an activity should be its point read and one query of its rosters: {readActivity}");
        // The public list: its page query and one query of the page's seat summaries (projected from the rosters),
        // however many activities the page holds; each query may cost the SDK one plan, and nothing is read point-wise or written.
        Assert.True(listActivities.PointReads == 0 && listActivities.Queries <= 2 && listActivities.QueryPlans <= 2 && listActivities.Writes == 0, $"the activity list should be two queries, not one per activity: {listActivities}");

        // A community's staff listing names its partition: the street- and district-wide listings are the cross-partition ones.
        Assert.Equal(0, _rows.Single(r => r.Kind == Kind.Staff).Calls.CrossPartitionQueries);
    }

    private enum Kind
    {
        Login,
        Read,
        Submit,
        Write,
        Staff,

        /// <summary>A public item with its parts in a second container: one point read and one single-partition query.</summary>
        Detail,

        /// <summary>A public list by node (activities): across partitions like the team list, for anyone signed in.</summary>
        PublicListing,
    }

    private async Task<StoreCallTally> MeasureAsync(string endpoint, Kind kind, Func<int, Task<(int Status, JsonElement Body, StoreCallTally Calls)>> call)
    {
        StoreCallTally? warm = null;
        var hasNextPage = false;
        for (var run = 0; run < 2; run++)
        {
            var (status, body, calls) = await call(run);
            Assert.True(status is >= 200 and < 300, $"{endpoint}: {status} {body}");
            warm = calls;
            hasNextPage = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("continuation", out var next) && next.ValueKind == JsonValueKind.String;
        }

        _rows.Add((endpoint, kind, warm!, hasNextPage));
        return warm!;
    }

    private string Table()
    {
        var text = new StringBuilder()
            .AppendLine("## Store calls per request (second call, warm caches)")
            .AppendLine()
            .AppendLine("| Endpoint | Point reads | Writes | Queries | Cross-partition queries | Queue sends | Query plans | SDK metadata |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (endpoint, _, calls, _) in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{endpoint}` | {calls.PointReads} | {calls.Writes} | {calls.Queries} | {calls.CrossPartitionQueries} | {calls.QueueSends} | {calls.QueryPlans} | {calls.Metadata} |");
        }

        text.AppendLine().AppendLine("Calls of each request:").AppendLine();
        foreach (var (endpoint, _, calls, _) in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{endpoint}`: {(calls.Log.Count == 0 ? "none" : string.Join(", ", calls.Log))}");
        }

        // Where a write's time goes: each round trip with its own duration, in the order they finished. Round trips run
        // side by side overlap, so their sum can exceed the request's time; the request's time minus the longest chain
        // of round trips that waited for one another is the app's own work (HTTP, JWT, JSON, the host's proxying).
        text.AppendLine().AppendLine("### Where one write's time goes (the second call, alone on the host)").AppendLine();
        foreach (var (endpoint, _, calls, _) in _rows.Where(r => r.Kind is Kind.Login or Kind.Submit || r.Endpoint.StartsWith("POST /api/topics/{id}/second", StringComparison.Ordinal)))
        {
            var steps = string.Join(" · ", calls.Timeline.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Call} {t.Milliseconds:0.0}")));
            text.AppendLine(CultureInfo.InvariantCulture, $"- `{endpoint}`: {calls.RequestMilliseconds:0.0} ms in the host; round trips in the order they finished (ms): {steps}");
        }

        return text.ToString();
    }
}
