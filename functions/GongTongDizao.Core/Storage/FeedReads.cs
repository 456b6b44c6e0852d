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
    /// <summary>Every result of <paramref name="query"/>, single-partition when <paramref name="partitionKey"/> is given.</summary>
    public static IAsyncEnumerable<T> DrainAsync<T>(this Container container, QueryDefinition query, PartitionKey? partitionKey, CancellationToken cancellationToken) =>
        container.DrainAsync<T>(query, partitionKey is { } pk ? new QueryRequestOptions { PartitionKey = pk } : null, cancellationToken);

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
