using System.Text.Json.Serialization;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// The daily order limit, held atomically in a small counter document of the dedupe container (partition /id, TTL
/// on): created for the first order of the China day, then taken with ETag-conditioned replaces, re-read on a
/// conflict. Concurrent placements take distinct slots and never more than the limit. The document names the day and
/// the user id and expires two days later by itself, so it outlives a deleted account by two days at most.
/// </summary>
public sealed class OrderDailyLimit(CosmosClient cosmos)
{
    private const int MaxAttempts = 40;
    private static readonly int s_ttl = (int)TimeSpan.FromDays(2).TotalSeconds;
    private readonly Container _dedupe = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Dedupe);

    /// <summary>
    /// True when a slot of <paramref name="day"/> was taken; false when the limit is reached; <c>CONCURRENT_CHANGE</c>
    /// when every attempt lost the race, which is contention, not the limit, and must not tell the resident so.
    /// </summary>
    public async Task<Result<bool>> TryTakeAsync(string userId, string day, int limit, CancellationToken cancellationToken)
    {
        var id = $"order-day~{userId}~{day}";
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var counter = await FindAsync(id, cancellationToken);
            if (counter is not null && counter.Count >= limit)
            {
                return false;
            }

            var taken = counter is null
                ? await _dedupe.TryCreateAsync(new DayCounter(id, 1, s_ttl), new PartitionKey(id), cancellationToken, returnContent: false)
                : await _dedupe.TryReplaceAsync(counter with { Count = counter.Count + 1, ETag = null }, id, new PartitionKey(id), counter.ETag, cancellationToken);
            if (taken is not null)
            {
                return true;
            }

            // Another placement took a slot meanwhile: read again after a short, spread-out pause.
            await Task.Delay(Random.Shared.Next(1, 5 + Math.Min(attempt, 20)), cancellationToken);
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }

    private Task<DayCounter?> FindAsync(string id, CancellationToken cancellationToken) =>
        _dedupe.FindAsync<DayCounter>(id, new PartitionKey(id), cancellationToken);

    private sealed record DayCounter([property: JsonPropertyName("id")] string Id, int Count, [property: JsonPropertyName("ttl")] int Ttl)
    {
        [JsonPropertyName("_etag")]
        public string? ETag { get; init; }
    }
}
