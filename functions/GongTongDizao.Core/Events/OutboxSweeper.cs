using System.Text.Json.Serialization;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Events;

/// <summary>
/// Publishes outboxes a request could not (queue down, process killed between save and send). Runs on a timer; the
/// query crosses partitions but only finds the rare items whose outbox is not empty. It asks whether the outbox's first
/// event has an id (IS_DEFINED uses the range index) rather than for the outbox's length: ARRAY_LENGTH uses no index,
/// so every minute Cosmos DB would load every document older than the grace period, millions of inbox items in a city.
/// </summary>
public sealed class OutboxSweeper(CosmosClient cosmos, OutboxPublisher publisher, TimeProvider time)
{
    /// <summary>Items younger than this are left to the request that saved them.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<(string Container, string PartitionKeyPath)> Containers { get; } =
    [
        (StoreNames.Containers.Letters, "communityId"),
        (StoreNames.Containers.Topics, "communityId"),
        (StoreNames.Containers.Orders, "communityId"),
        (StoreNames.Containers.Activities, "id"),
        (StoreNames.Containers.Rosters, "activityId"),
        (StoreNames.Containers.Notifications, "userId"),
    ];

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var published = 0;
        var before = time.GetUtcNow() - GracePeriod;
        foreach (var (name, pkPath) in Containers)
        {
            var query = new QueryDefinition($"SELECT c.id, c.outbox, c._etag, c.{pkPath} AS pk FROM c WHERE IS_DEFINED(c.outbox[0].id) AND c._ts < @before")
                .WithParameter("@before", before.ToUnixTimeSeconds());
            await foreach (var item in cosmos.GetContainer(StoreNames.Database, name).DrainAsync<PendingItem>(query, partitionKey: null, cancellationToken))
            {
                if (await publisher.TryPublishAsync(name, item, new PartitionKey(item.Pk), item.ETag, cancellationToken))
                {
                    published += item.Outbox.Count;
                }
            }
        }

        return published;
    }

    private sealed record PendingItem : IHasOutbox
    {
        [JsonPropertyName("id")]
        public required string Id { get; init; }

        public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

        [JsonPropertyName("_etag")]
        public string? ETag { get; init; }

        public required string Pk { get; init; }
    }
}
