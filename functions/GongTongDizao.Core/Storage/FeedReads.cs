using System.Runtime.CompilerServices;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// Draining a query feed, page after page, as a stream (never a whole result set in memory). Without a partition key
/// the SDK fans out over every partition: the WHERE clause alone does not narrow it (and the emulator ignores the
/// header), so name the partition whenever one is meant.
/// </summary>
public static class FeedReads
{
    /// <summary>
    /// Every result of <paramref name="query"/>, single-partition when <paramref name="partitionKey"/> is given, and
    /// then sent straight to that partition (optimistic direct execution: no query plan from the gateway first).
    /// </summary>
    public static IAsyncEnumerable<T> DrainAsync<T>(this Container container, QueryDefinition query, PartitionKey? partitionKey, CancellationToken cancellationToken) =>
        container.DrainAsync<T>(query, partitionKey is { } pk ? new QueryRequestOptions { PartitionKey = pk, EnableOptimisticDirectExecution = true } : null, cancellationToken);

    /// <summary>Every result of <paramref name="query"/> under the given options (page size, direct execution…).</summary>
    public static async IAsyncEnumerable<T> DrainAsync<T>(this Container container, QueryDefinition query, QueryRequestOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        using var feed = container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (feed.HasMoreResults)
        {
            foreach (var item in await feed.ReadNextAsync(cancellationToken))
            {
                yield return item;
            }
        }
    }

    /// <summary>
    /// Every result, collected (small, bounded lists only). Call it as <c>FeedReads.ToListAsync(items, ct)</c>: it is
    /// not an extension, so it never competes with <c>System.Linq.AsyncEnumerable.ToListAsync</c>.
    /// </summary>
    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var all = new List<T>();
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            all.Add(item);
        }

        return all;
    }

    /// <summary>
    /// A <c>SELECT VALUE COUNT(1)</c> or <c>SUM</c>: a cross-partition aggregate can arrive as one partial value per
    /// partition (and per page), so the parts are added up here rather than the first one taken.
    /// </summary>
    public static async Task<long> SumAsync(this Container container, QueryDefinition query, PartitionKey? partitionKey, CancellationToken cancellationToken)
    {
        long total = 0;
        await foreach (var part in container.DrainAsync<long>(query, partitionKey, cancellationToken))
        {
            total += part;
        }

        return total;
    }
}
