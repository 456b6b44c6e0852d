using System.Net;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// One page of a query and the store's position after it (null on the last page). The position is the store's own
/// (a Cosmos continuation) and never leaves the app as is: a handler seals it with <see cref="PageTokens"/>.
/// </summary>
public sealed record StorePage<T>(IReadOnlyList<T> Items, string? Position)
{
    public static StorePage<T> Empty { get; } = new([], null);

    /// <summary>The same page with its items turned into what the caller shows.</summary>
    public StorePage<TView> Select<TView>(Func<T, TView> view) => new([.. Items.Select(view)], Position);
}

/// <summary>The one way to read a page of a query.</summary>
public static class FeedPages
{
    /// <summary>
    /// Reads one page of at most <paramref name="pageSize"/> items from <paramref name="position"/> (null: the first),
    /// single-partition when <paramref name="partitionKey"/> is given. A position the store refuses (a continuation
    /// it can no longer resume) throws <see cref="StalePageTokenException"/>: answered 400 on <c>continuation</c>, so
    /// the client reloads the first page.
    /// </summary>
    public static async Task<StorePage<T>> ReadPageAsync<T>(this Container container, QueryDefinition query, PartitionKey? partitionKey, string? position, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        var options = new QueryRequestOptions { MaxItemCount = pageSize };
        if (partitionKey is { } pk)
        {
            // One partition named: the SDK may send the query straight to it instead of asking the gateway for a
            // query plan first, one round trip fewer (a position saved before this change is answered as stale).
            options.PartitionKey = pk;
            options.EnableOptimisticDirectExecution = true;
        }

        // The position was opened from one of our sealed tokens (PageTokens) before the query was built.
        using var feed = container.GetItemQueryIterator<T>(query, position, options);
        if (!feed.HasMoreResults)
        {
            return StorePage<T>.Empty;
        }

        FeedResponse<T> page;
        try
        {
            page = await feed.ReadNextAsync(cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && position is not null)
        {
            throw new StalePageTokenException($"The store cannot resume the {container.Id} query from this position.", ex);
        }

        return new StorePage<T>([.. page], page.ContinuationToken is { Length: > 0 } next ? next : null);
    }
}
