using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Broadcasts (each in its own partition, <see cref="NotificationKinds.BroadcastPartition"/>), their delivery
/// counters, and the per-org daily counts (<see cref="NotificationKinds.OrgPartition"/>). Virtual for fakes.
/// </summary>
public class BroadcastStore(CosmosClient cosmos, BulkCosmosClient bulk) : IAggregateStore<BroadcastDocument>
{
    private const int MaxCountAttempts = 10;
    private static readonly int s_dayCounterTtl = (int)TimeSpan.FromDays(3).TotalSeconds;
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
    private readonly Container _bulk = bulk.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public string ContainerName => StoreNames.Containers.Notifications;

    public virtual Task<BroadcastDocument?> FindAsync(string id, CancellationToken cancellationToken) =>
        _container.FindAsync<BroadcastDocument>(id, new PartitionKey(NotificationKinds.BroadcastPartition(id)), cancellationToken);

    public virtual Task<BroadcastDocument?> TryReplaceAsync(BroadcastDocument item, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return _container.TryReplaceAsync(item with { ETag = null }, item.Id, new PartitionKey(item.UserId), ifMatch, cancellationToken);
    }

    /// <summary>Creates the broadcast with its outbox (published by <see cref="AggregatePipeline{T}.AfterSaveAsync"/>).</summary>
    public virtual async Task<BroadcastDocument> CreateAsync(BroadcastDocument broadcast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        return (await _container.CreateItemAsync(broadcast, new PartitionKey(broadcast.UserId), cancellationToken: cancellationToken)).Resource;
    }

    /// <summary>
    /// Counts one more broadcast of the org on <paramref name="day"/>, unless <paramref name="limit"/> is reached
    /// (ETag, so concurrent requests cannot overshoot).
    /// </summary>
    public virtual async Task<bool> TryCountDayAsync(string orgId, string day, int limit, CancellationToken cancellationToken)
    {
        var id = "broadcast-day~" + day;
        var partition = new PartitionKey(NotificationKinds.OrgPartition(orgId));
        return await OptimisticRetry.RunAsync<Snapshot<BroadcastDayCounter>, bool>(
            new(await _container.FindAsync<BroadcastDayCounter>(id, partition, cancellationToken)),
            async read =>
            {
                if (read.Current is { } counter && counter.Count >= limit)
                {
                    return false;
                }

                var saved = read.Current is { } current
                    ? await _container.TryReplaceAsync(current with { Count = current.Count + 1, ETag = null }, id, partition, current.ETag, cancellationToken)
                    : await _container.TryCreateAsync(new BroadcastDayCounter { Id = id, UserId = NotificationKinds.OrgPartition(orgId), Count = 1, Ttl = s_dayCounterTtl }, partition, cancellationToken);

                // Another broadcast of the same org was counted meanwhile: read again.
                return saved is not null ? true : Attempt<bool>.LostRace();
            },
            async _ => new(await _container.FindAsync<BroadcastDayCounter>(id, partition, cancellationToken)),
            _ => false,
            MaxCountAttempts);
    }

    /// <summary>
    /// One more finished delivery (<c>sent</c>, <c>skipped</c> or <c>failed</c>), an atomic increment. Every delivery
    /// of a broadcast patches this one document, so the increments go through the bulk client, which sends those
    /// of deliveries finishing together as one request.
    /// </summary>
    public virtual async Task CountDeliveryAsync(string broadcastId, string outcome, CancellationToken cancellationToken) =>
        await _bulk.PatchItemAsync<BroadcastDocument>(
            broadcastId,
            new PartitionKey(NotificationKinds.BroadcastPartition(broadcastId)),
            [PatchOperation.Increment("/" + outcome, 1)],
            new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
            cancellationToken);

    /// <summary>The fan-out has reached everyone: <paramref name="recipients"/> is the total the counters add up to.</summary>
    public virtual async Task SetRecipientsAsync(string broadcastId, int recipients, CancellationToken cancellationToken) =>
        await _container.PatchItemAsync<BroadcastDocument>(
            broadcastId,
            new PartitionKey(NotificationKinds.BroadcastPartition(broadcastId)),
            [PatchOperation.Set("/recipients", recipients)],
            new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
            cancellationToken);

    /// <summary>The broadcasts a staff member sent (each in its own partition, so this crosses partitions: export and deletion are rare).</summary>
    public virtual async IAsyncEnumerable<BroadcastDocument> SentByAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.kind = @k AND c.createdBy = @u").WithParameter("@k", NotificationKinds.Broadcast).WithParameter("@u", userId);
        await foreach (var b in _container.DrainAsync<BroadcastDocument>(query, partitionKey: null, cancellationToken))
        {
            yield return b;
        }
    }

    /// <summary>Replaces the sender of every broadcast <paramref name="userId"/> sent by <paramref name="pseudonym"/>.</summary>
    public virtual async Task PseudonymiseSenderAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        await foreach (var b in SentByAsync(userId, cancellationToken))
        {
            // False when it is gone meanwhile: nothing left to pseudonymise.
            await _container.TryPatchExistingAsync(b.Id, new PartitionKey(b.UserId), [PatchOperation.Set("/createdBy", pseudonym)], cancellationToken);
        }
    }

    /// <summary>How far the fan-out of the broadcast has got; null before its first page.</summary>
    public virtual Task<BroadcastProgress?> FindProgressAsync(string broadcastId, CancellationToken cancellationToken) =>
        _container.FindAsync<BroadcastProgress>(BroadcastProgress.DocumentId, new PartitionKey(NotificationKinds.BroadcastPartition(broadcastId)), cancellationToken);

    /// <summary>
    /// The progress as read now (created, no page counted, if the fan-out has not started) and whether page
    /// <paramref name="page"/> is counted in it: one single-partition query where two point reads would cost two round trips.
    /// </summary>
    public virtual async Task<(BroadcastProgress Progress, bool PageCounted)> StartPageAsync(string broadcastId, int page, CancellationToken cancellationToken)
    {
        var partition = NotificationKinds.BroadcastPartition(broadcastId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @p AND c.id IN (@progress, @page)")
            .WithParameter("@p", partition)
            .WithParameter("@progress", BroadcastProgress.DocumentId)
            .WithParameter("@page", BroadcastPageRecord.IdFor(page));
        BroadcastProgress? progress = null;
        var counted = false;
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partition), EnableOptimisticDirectExecution = true };
        await foreach (var document in _container.DrainAsync<JsonElement>(query, options, cancellationToken))
        {
            if (document.GetProperty("id").GetString() == BroadcastProgress.DocumentId)
            {
                progress = document.Deserialize<BroadcastProgress>(JsonDefaults.Options);
            }
            else
            {
                counted = true;
            }
        }

        progress ??= await _container.TryCreateAsync(new BroadcastProgress { UserId = partition, BroadcastId = broadcastId }, new PartitionKey(partition), cancellationToken)
            ?? await FindProgressAsync(broadcastId, cancellationToken)
            ?? throw new InvalidOperationException($"The progress of broadcast {broadcastId} vanished while it was being created.");
        return (progress, counted);
    }

    /// <summary>
    /// Counts a page: its record and the progress's increments in one transactional batch, so a page is counted once
    /// however often it is handled. The progress as counted; null when the page was counted before.
    /// </summary>
    public virtual async Task<BroadcastProgress?> TryCountPageAsync(string broadcastId, int page, int reached, int skipped, bool last, CancellationToken cancellationToken)
    {
        var partition = NotificationKinds.BroadcastPartition(broadcastId);
        var record = new BroadcastPageRecord { Id = BroadcastPageRecord.IdFor(page), UserId = partition, BroadcastId = broadcastId, Page = page };
        List<PatchOperation> counts = [PatchOperation.Increment("/pages", 1), PatchOperation.Increment("/reached", reached), PatchOperation.Increment("/skipped", skipped)];
        if (last)
        {
            counts.Add(PatchOperation.Set("/totalPages", page));
        }

        using var response = await _container.CreateTransactionalBatch(new PartitionKey(partition))
            .CreateItem(record)
            .PatchItem(BroadcastProgress.DocumentId, counts)
            .ExecuteAsync(cancellationToken);
        if (response[0].StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }

        return response.IsSuccessStatusCode
            ? response.GetOperationResultAtIndex<BroadcastProgress>(1).Resource
            : throw new InvalidOperationException($"Counting page {page} of broadcast {broadcastId} failed with {(int)response.StatusCode}: {response.ErrorMessage}");
    }

    /// <summary>Marks the fan-out done (idempotent).</summary>
    public virtual Task MarkDoneAsync(string broadcastId, CancellationToken cancellationToken) =>
        _container.TryPatchExistingAsync(BroadcastProgress.DocumentId, new PartitionKey(NotificationKinds.BroadcastPartition(broadcastId)), [PatchOperation.Set("/done", true)], cancellationToken);
}
