using System.Globalization;
using System.Text.Json.Serialization;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// The daily order limit, held in a small counter document of the dedupe container (partition /id, TTL on) per person
/// and China day. A slot is one conditional patch: the count's increment on condition that it is below the limit
/// (Cosmos DB's filter predicate), checked and applied by the server as one step. So concurrent placements take
/// distinct slots and never more than the limit, without reading first and without ETag races to lose and retry. The
/// day's first placement finds no counter and creates it with its slot taken. The document names the day and the
/// user id and expires two days later by itself, so it outlives a deleted account by two days at most.
/// </summary>
public sealed class OrderDailyLimit(CosmosClient cosmos)
{
    private static readonly int s_ttl = (int)TimeSpan.FromDays(2).TotalSeconds;
    private readonly Container _dedupe = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Dedupe);

    /// <summary>True when a slot of <paramref name="day"/> was taken; false when the limit is reached.</summary>
    public async Task<bool> TryTakeAsync(string userId, string day, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return false;
        }

        var id = $"order-day~{userId}~{day}";
        var partition = new PartitionKey(id);
        var belowLimit = string.Create(CultureInfo.InvariantCulture, $"FROM c WHERE c[\"count\"] < {limit}");

        // Two rounds at most: when the day's counter is missing and a concurrent first placement creates it before this
        // one can, this one's create conflicts and its second patch finds the counter.
        for (var round = 0; round < 2; round++)
        {
            if (await _dedupe.TryPatchWhereAsync(id, partition, [PatchOperation.Increment("/count", 1)], belowLimit, cancellationToken) is { } taken)
            {
                return taken;
            }

            if (await _dedupe.TryCreateAsync(new DayCounter(id, 1, s_ttl), partition, cancellationToken, returnContent: false) is not null)
            {
                return true;
            }
        }

        throw new InvalidOperationException($"The day's order counter {id} was created by another placement yet cannot be found.");
    }

    private sealed record DayCounter([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("count")] int Count, [property: JsonPropertyName("ttl")] int Ttl);
}
