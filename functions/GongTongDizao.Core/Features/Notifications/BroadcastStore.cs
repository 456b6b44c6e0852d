using System.Net;
using System.Runtime.CompilerServices;
using GongTongDizao.Core.Events;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Broadcasts (each in its own partition, <see cref="NotificationKinds.BroadcastPartition"/>), their delivery
/// counters, and the per-org daily counts (<see cref="NotificationKinds.OrgPartition"/>). Virtual for fakes.
/// </summary>
public class BroadcastStore(CosmosClient cosmos, OutboxPublisher publisher)
{
    private const int MaxCountAttempts = 10;
    private static readonly int s_dayCounterTtl = (int)TimeSpan.FromDays(3).TotalSeconds;
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public virtual async Task<BroadcastDocument?> FindAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.ReadItemAsync<BroadcastDocument>(id, new PartitionKey(NotificationKinds.BroadcastPartition(id)), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the broadcast with its outbox; the returned document carries the ETag the publish needs.</summary>
    public virtual async Task<BroadcastDocument> CreateAsync(BroadcastDocument broadcast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        var created = await _container.CreateItemAsync(broadcast, new PartitionKey(broadcast.UserId), cancellationToken: cancellationToken);
        return created.Resource with { ETag = created.ETag };
    }

    /// <summary>Sends the outbox's events and clears it; a failure is left to the sweeper (see <see cref="OutboxPublisher"/>).</summary>
    public virtual Task<bool> TryPublishAsync(BroadcastDocument broadcast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(broadcast);
        return publisher.TryPublishAsync(_container, broadcast, new PartitionKey(broadcast.UserId), broadcast.ETag, cancellationToken);
    }

    /// <summary>
    /// Counts one more broadcast of the org on <paramref name="day"/>, unless <paramref name="limit"/> is reached
    /// (ETag, so concurrent requests cannot overshoot).
    /// </summary>
    public virtual async Task<bool> TryCountDayAsync(string orgId, string day, int limit, CancellationToken cancellationToken)
    {
        var id = "broadcast-day~" + day;
        var partition = new PartitionKey(NotificationKinds.OrgPartition(orgId));
        for (var attempt = 0; attempt < MaxCountAttempts; attempt++)
        {
            BroadcastDayCounter? counter;
            try
            {
                counter = (await _container.ReadItemAsync<BroadcastDayCounter>(id, partition, cancellationToken: cancellationToken)).Resource;
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                counter = null;
            }

            if (counter is { } c && c.Count >= limit)
            {
                return false;
            }

            try
            {
                if (counter is null)
                {
                    await _container.CreateItemAsync(new BroadcastDayCounter { Id = id, UserId = NotificationKinds.OrgPartition(orgId), Count = 1, Ttl = s_dayCounterTtl }, partition, cancellationToken: cancellationToken);
                }
                else
                {
                    await _container.ReplaceItemAsync(counter with { Count = counter.Count + 1, ETag = null }, id, partition, new ItemRequestOptions { IfMatchEtag = counter.ETag }, cancellationToken);
                }

                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
            {
                // Another broadcast of the same org was counted meanwhile: read again.
            }
        }

        return false;
    }

    /// <summary>One more finished delivery (<c>sent</c>, <c>skipped</c> or <c>failed</c>), an atomic increment.</summary>
    public virtual async Task CountDeliveryAsync(string broadcastId, string outcome, CancellationToken cancellationToken) =>
        await _container.PatchItemAsync<BroadcastDocument>(
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
        using var feed = _container.GetItemQueryIterator<BroadcastDocument>(query);
        while (feed.HasMoreResults)
        {
            foreach (var b in await feed.ReadNextAsync(cancellationToken))
            {
                yield return b;
            }
        }
    }

    /// <summary>Replaces the sender of every broadcast <paramref name="userId"/> sent by <paramref name="pseudonym"/>.</summary>
    public virtual async Task PseudonymiseSenderAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        await foreach (var b in SentByAsync(userId, cancellationToken))
        {
            try
            {
                await _container.PatchItemAsync<BroadcastDocument>(b.Id, new PartitionKey(b.UserId), [PatchOperation.Set("/createdBy", pseudonym)], new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // Gone meanwhile.
            }
        }
    }
}
