using System.Net;
using GongTongDizao.Core;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Bench;

/// <summary>One seeded resident: <see cref="HasQuota"/> residents have one send of the broadcast template left.</summary>
internal sealed record SeededResident(string Id, string OpenId, bool HasQuota);

/// <summary>
/// Writes residents straight into Cosmos, as the product would have written them after each person logged in, chose
/// a home community (PUT /api/me), opted in to youth notices (PUT /api/me/preferences) and, for every
/// <see cref="QuotaEvery"/>th, accepted the broadcast template once in wx.requestSubscribeMessage.
/// </summary>
internal static class FanOutSeeder
{
    public const string TemplateKey = "broadcast";

    /// <summary>One resident in ten can be sent the notice; the others are skipped for want of a quota.</summary>
    public const int QuotaEvery = 10;

    private const int Chunk = 2_000;

    public static async Task<IReadOnlyList<SeededResident>> SeedAsync(string communityId, int count, IProgress<int> progress, CancellationToken cancellationToken)
    {
        var bulk = await BulkWorksAsync(cancellationToken);
        using var cosmos = BenchEmulators.Cosmos(bulk);
        var users = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Users);
        var notifications = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
        var run = Guid.NewGuid().ToString("N")[..8];
        var residents = Enumerable.Range(0, count)
            .Select(i => new SeededResident($"u{run}{i:x16}", $"o{run}{Guid.NewGuid():N}", i % QuotaEvery == 0))
            .ToList();
        var now = DateTimeOffset.UtcNow;
        var noEcho = new ItemRequestOptions { EnableContentResponseOnWrite = false };
        var done = 0;
        foreach (var chunk in residents.Chunk(Chunk))
        {
            var writes = chunk.Select<SeededResident, Func<Task>>(r => async () =>
            {
                await users.CreateItemAsync(User(r, communityId, now), new PartitionKey(r.Id), noEcho, cancellationToken);
                await notifications.CreateItemAsync(new PreferencesDocument { UserId = r.Id, Youth = true, UpdatedAt = now }, new PartitionKey(r.Id), noEcho, cancellationToken);
                if (r.HasQuota)
                {
                    await notifications.CreateItemAsync(Quota(r, now), new PartitionKey(r.Id), noEcho, cancellationToken);
                }
            });
            if (bulk)
            {
                // The SDK groups concurrent point operations into batch requests when bulk execution is on.
                await Task.WhenAll(writes.Select(w => w()));
            }
            else
            {
                await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = 48, CancellationToken = cancellationToken }, async (w, _) => await w());
            }

            progress.Report(done += chunk.Length);
        }

        return residents;
    }

    private static UserAccount User(SeededResident r, string communityId, DateTimeOffset now) => new()
    {
        Id = r.Id,
        OpenId = r.OpenId,
        DisplayName = "居民" + r.Id[^5..],
        HomeCommunityId = communityId,
        CreatedAt = now,
        UpdatedAt = now,
        LastLoginAt = now,
    };

    /// <summary>What SubscriptionQuotas.RecordAsync writes for one client-reported accept.</summary>
    private static QuotaDocument Quota(SeededResident r, DateTimeOffset now) =>
        SubscriptionQuotas.Apply(new QuotaDocument { Id = NotificationKinds.QuotaId(TemplateKey), UserId = r.Id, TemplateKey = TemplateKey }, SubscriptionDecisions.Accept, DecisionSource.Client, longTermTemplate: false)
            with { UpdatedAt = now };

    /// <summary>
    /// Whether the emulator takes the SDK's bulk (batch) requests. The npm emulator parses batch bodies as JSON and
    /// the .NET SDK sends them in its binary HybridRow format (HTTP 500 "not valid JSON"), so there the seeding falls
    /// back to parallel point writes; a real account or the Microsoft emulator gets bulk.
    /// </summary>
    private static async Task<bool> BulkWorksAsync(CancellationToken cancellationToken)
    {
        using var cosmos = BenchEmulators.Cosmos(bulk: true);
        var notifications = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
        var probe = new PreferencesDocument { Id = "bench-bulk-probe", UserId = "bench-bulk-probe~" + Guid.NewGuid().ToString("N"), UpdatedAt = DateTimeOffset.UtcNow };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            var response = await notifications.CreateItemAsync(probe, new PartitionKey(probe.UserId), cancellationToken: timeout.Token);
            await notifications.DeleteItemAsync<PreferencesDocument>(probe.Id, new PartitionKey(probe.UserId), cancellationToken: cancellationToken);
            return response.StatusCode == HttpStatusCode.Created;
        }
        catch (Exception ex) when (ex is CosmosException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is CosmosException cosmosException ? $"HTTP {(int)cosmosException.StatusCode}" : "no answer";
            await Console.Error.WriteLineAsync($"fanout: this emulator does not take bulk (batch) requests ({reason}); seeding with parallel point writes.");
            return false;
        }
    }
}
