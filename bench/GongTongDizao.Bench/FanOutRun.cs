using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Bench;

/// <summary>What one broadcast size measured; times are null when the broadcast never got there.</summary>
internal sealed record FanOutResult(
    int Residents,
    int? Recipients,
    TimeSpan? FannedOutAfter,
    TimeSpan? DoneAfter,
    int Sent,
    int Skipped,
    int Failed,
    long InboxItems,
    IReadOnlyDictionary<string, long> DeliveryRecords,
    int SimulatorSends,
    long WorkingSetBefore,
    long PeakWorkingSet,
    TimeSpan SeedTime)
{
    public bool Done => DoneAfter is not null;

    public double DeliveriesPerSecond => Done && Recipients is { } r ? r / DoneAfter!.Value.TotalSeconds : double.NaN;

    /// <summary>The broadcast's own counters, the records in Cosmos, the inbox items and WeChat's sends all agree.</summary>
    public bool CountsAddUp =>
        Recipients is { } r && Sent + Skipped + Failed == r && InboxItems == r
        && Record("sent") == Sent && Record("skipped") == Skipped && Record("failed") == Failed && Record("pending") == 0
        && SimulatorSends == Sent;

    public long Record(string status) => DeliveryRecords.GetValueOrDefault(status);

    /// <summary>The raw SDK's creates per second at the worker's queue parallelism, measured right after (same run).</summary>
    public double? RawCreatesPerSecond { get; init; }

    /// <summary>The writes in flight of both: the worker's queue parallelism from host.json.</summary>
    public int? Parallelism { get; init; }
}

/// <summary>
/// One broadcast through a fresh DevHost process (so its peak working set is this size's own): a new street and
/// community, <c>n</c> opted-in residents seeded in Cosmos, a youth-league worker who logs in and is granted the role
/// by the admin API, then POST /api/staff/broadcasts and polling until the counts reach the recipients. The WeChat
/// simulator runs in this process so quotas can be granted and sends counted, and its memory is not the DevHost's.
/// </summary>
internal static class FanOutRun
{
    private static readonly TimeSpan s_stallLimit = TimeSpan.FromMinutes(5);
    // Fine enough that "done" is not rounded up by most of a second on the small sizes.
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);

    public static async Task<FanOutResult> RunAsync(BenchOptions options, int residents, CancellationToken cancellationToken)
    {
        var simulatorOptions = new WeChatSimulatorOptions();
        await using var simulator = await WeChatSimulator.StartAsync(simulatorOptions, cancellationToken);
        await using var host = await DevHostProcess.StartAsync(
            options,
            $"--WeChat:BaseAddress={simulator.BaseAddress}",
            $"--WeChat:AppId={simulatorOptions.AppId}",
            $"--WeChat:AppSecret={simulatorOptions.AppSecret}",
            $"--WeChat:Token={simulatorOptions.Token}",
            $"--WeChat:EncodingAesKey={simulatorOptions.EncodingAesKey}",
            "--WeChat:PushMode=Safe");
        using var http = host.CreateClient();
        var api = new ApiSession(http);

        // A fresh process pays once for what a running instance has already done: JIT, the serialisers' type
        // metadata, the store's TLS connections. The raw baseline runs in the bench process, warm from seeding, so
        // the worker gets the same: a broadcast to a small community of its own first, not counted.
        var warmUp = await SeedAsync(api, simulator, WarmUpResidents, cancellationToken);
        var warmUpId = await BroadcastAsync(api, warmUp.Token, warmUp.Community);
        _ = await WaitAsync(api, warmUp.Token, warmUpId, WarmUpResidents, Stopwatch.StartNew(), cancellationToken);

        var seedClock = Stopwatch.StartNew();
        var (token, community) = await SeedAsync(api, simulator, residents, cancellationToken);
        var seedTime = seedClock.Elapsed;
        var before = host.WorkingSet();
        var clock = Stopwatch.StartNew();
        var sentBefore = simulator.State.SentMessages.Count;
        var id = await BroadcastAsync(api, token, community);
        var (view, fannedOut, doneAfter) = await WaitAsync(api, token, id, residents, clock, cancellationToken);
        await Console.Error.WriteLineAsync($"fanout: broadcast to {residents:N0} residents {(doneAfter is { } d ? $"done after {d.TotalSeconds:0.0} s" : "not done")}");
        var peak = host.PeakWorkingSet();
        var (inbox, records) = await CountInCosmosAsync(id, cancellationToken);
        return new FanOutResult(
            residents,
            view.TryGetProperty("recipients", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : null,
            fannedOut,
            doneAfter,
            view.GetProperty("sent").GetInt32(),
            view.GetProperty("skipped").GetInt32(),
            view.GetProperty("failed").GetInt32(),
            inbox,
            records,
            simulator.State.SentMessages.Count - sentBefore,
            before,
            peak,
            seedTime);
    }

    /// <summary>Residents of the warm-up broadcast: enough for two pages' worth of every kind of call, few enough to take a second.</summary>
    private const int WarmUpResidents = 100;

    /// <summary>A fresh community with <paramref name="residents"/> opted-in residents (their quotas granted in the simulator) and a worker over its street.</summary>
    private static async Task<(string Token, string Community)> SeedAsync(ApiSession api, WeChatSimulator simulator, int residents, CancellationToken cancellationToken)
    {
        var (street, community) = await ImportOrgsAsync(api, cancellationToken);
        var seedClock = Stopwatch.StartNew();
        var seeded = await FanOutSeeder.SeedAsync(community, residents, new Progress<int>(n =>
        {
            if (n % 20_000 == 0 || n == residents)
            {
                Console.Error.WriteLine($"fanout: seeded {n:N0} of {residents:N0} residents ({seedClock.Elapsed.TotalSeconds:0} s)");
            }
        }), cancellationToken);
        foreach (var resident in seeded.Where(r => r.HasQuota))
        {
            // WeChat's side of the same accept: one send of the template to this person.
            simulator.State.GrantQuota(resident.OpenId, "local-" + FanOutSeeder.TemplateKey);
        }

        return (await StaffTokenAsync(api, street), community);
    }

    /// <summary>POST /api/staff/broadcasts to the youth of the community: the broadcast's id.</summary>
    private static async Task<string> BroadcastAsync(ApiSession api, string token, string community)
    {
        var (status, created) = await api.SendAsync(HttpMethod.Post, "api/staff/broadcasts", token, new
        {
            orgId = community,
            audience = "youth",
            title = "周末社区志愿服务招募",
            body = "本周六上午九点在社区广场集合，参加环境整治志愿服务，欢迎青年朋友报名。",
        });
        return status == 201
            ? created.GetProperty("id").GetString()!
            : throw new InvalidOperationException($"POST /api/staff/broadcasts answered {status}: {created}");
    }

    /// <summary>Polls the broadcast until done, or until its counts have not moved for <see cref="s_stallLimit"/>.</summary>
    private static async Task<(JsonElement View, TimeSpan? FannedOut, TimeSpan? Done)> WaitAsync(
        ApiSession api, string token, string id, int residents, Stopwatch clock, CancellationToken cancellationToken)
    {
        TimeSpan? fannedOut = null;
        var lastProgress = (Count: -1, At: TimeSpan.Zero);
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(s_poll, cancellationToken);
            var (status, view) = await api.SendAsync(HttpMethod.Get, $"api/staff/broadcasts/{id}", token);
            if (status != 200)
            {
                throw new InvalidOperationException($"GET /api/staff/broadcasts/{id} answered {status}: {view}");
            }

            var finished = view.GetProperty("sent").GetInt32() + view.GetProperty("skipped").GetInt32() + view.GetProperty("failed").GetInt32();
            var hasRecipients = view.TryGetProperty("recipients", out var r) && r.ValueKind == JsonValueKind.Number;
            fannedOut ??= hasRecipients ? clock.Elapsed : null;
            if (view.GetProperty("status").GetString() == "done")
            {
                return (view, fannedOut, clock.Elapsed);
            }

            var progress = finished + (hasRecipients ? 1 : 0);
            if (progress != lastProgress.Count)
            {
                lastProgress = (progress, clock.Elapsed);
            }
            else if (clock.Elapsed - lastProgress.At > s_stallLimit)
            {
                await Console.Error.WriteLineAsync($"fanout: broadcast {id} made no progress for {s_stallLimit.TotalMinutes:0} min; giving up: {view}");
                return (view, fannedOut, null);
            }

            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                await Console.Error.WriteLineAsync(
                    $"fanout: {clock.Elapsed.TotalSeconds:0} s: {finished:N0} of {residents:N0} delivered{(hasRecipients ? string.Empty : " (still fanning out)")}, {finished / clock.Elapsed.TotalSeconds:0} /s");
            }
        }
    }

    /// <summary>A fresh street and community under a district of the seeded tree, imported with the admin API.</summary>
    private static async Task<(string Street, string Community)> ImportOrgsAsync(ApiSession api, CancellationToken cancellationToken)
    {
        using var cosmos = BenchEmulators.Cosmos(bulk: false);
        var orgs = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Orgs);
        using var feed = orgs.GetItemQueryIterator<string>(new QueryDefinition("SELECT VALUE o.id FROM o WHERE o.level = @l").WithParameter("@l", "district"));
        var district = (await feed.ReadNextAsync(cancellationToken)).FirstOrDefault()
            ?? throw new InvalidOperationException("The governance tree has no district; the DevHost seeds one unless DevHost:SeedDemoData is false.");
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var (status, body) = await api.SendAsync(HttpMethod.Post, "api/manage/orgs/import", functionKey: DevHostProcess.MasterKey, body: new
        {
            orgs = new object[]
            {
                new { id = "S" + suffix, name = "压测街道" + suffix[..4], level = "street", parentId = district },
                new { id = "C" + suffix, name = "压测社区" + suffix[..4], level = "community", parentId = "S" + suffix },
            },
        });
        return status == 200 ? ("S" + suffix, "C" + suffix) : throw new InvalidOperationException($"Importing the bench orgs answered {status}: {body}");
    }

    /// <summary>A youth-league worker over the street: logs in with a simulator code, then the admin API grants the role.</summary>
    private static async Task<string> StaffTokenAsync(ApiSession api, string street)
    {
        var (status, login) = await api.SendAsync(HttpMethod.Post, "api/auth/login", body: new { code = "dev-bench-" + Guid.NewGuid().ToString("N")[..12] });
        if (status != 200)
        {
            throw new InvalidOperationException($"Login answered {status}: {login}");
        }

        var userId = login.GetProperty("user").GetProperty("id").GetString()!;
        var (granted, body) = await api.SendAsync(HttpMethod.Post, $"api/manage/users/{userId}/roles", functionKey: DevHostProcess.MasterKey, body: new { role = "youthLeagueWorker", orgId = street });
        return granted == 200 ? login.GetProperty("token").GetString()! : throw new InvalidOperationException($"Granting the role answered {granted}: {body}");
    }

    /// <summary>
    /// The broadcast's inbox items and its deliveries by status as recorded in Cosmos: the delivery records, and the
    /// skips the fan-out recorded on inbox items (cross-partition queries).
    /// </summary>
    private static async Task<(long Inbox, Dictionary<string, long> Records)> CountInCosmosAsync(string broadcastId, CancellationToken cancellationToken)
    {
        using var cosmos = BenchEmulators.Cosmos(bulk: false);
        var notifications = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
        var inbox = await CountAsync(notifications, new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.kind = @k AND c.entityId = @b")
            .WithParameter("@k", NotificationKinds.Inbox).WithParameter("@b", broadcastId), cancellationToken);
        var records = new Dictionary<string, long>();
        foreach (var status in new[] { "sent", "skipped", "failed", "pending" })
        {
            records[status] = await CountAsync(notifications, new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.kind = @k AND c.broadcastId = @b AND c.status = @s")
                .WithParameter("@k", NotificationKinds.Delivery).WithParameter("@b", broadcastId).WithParameter("@s", status), cancellationToken);
        }

        // A recipient without a quota has the skipped delivery recorded on the inbox item, in the same write.
        records["skipped"] += await CountAsync(notifications, new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.kind = @k AND c.skippedDelivery.broadcastId = @b")
            .WithParameter("@k", NotificationKinds.Inbox).WithParameter("@b", broadcastId), cancellationToken);

        return (inbox, records);
    }

    private static async Task<long> CountAsync(Container container, QueryDefinition query, CancellationToken cancellationToken)
    {
        // The emulator counts itself (pass-through query plan); sum the pages in case it answers in several.
        long total = 0;
        using var feed = container.GetItemQueryIterator<long>(query);
        while (feed.HasMoreResults)
        {
            total += (await feed.ReadNextAsync(cancellationToken)).Sum();
        }

        return total;
    }

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
}
