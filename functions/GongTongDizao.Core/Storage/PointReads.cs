using System.Net;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// Point reads and deletes where "not there" is an answer, not a failure. The SDK throws for a 404; every store
/// used to catch it by hand. Here once: a missing item reads as null and deleting one that is gone is not an error.
/// </summary>
public static class PointReads
{
    /// <summary>The item, or null when there is none with this id in this partition (one point read, 1 RU).</summary>
    public static async Task<T?> FindAsync<T>(this Container container, string id, PartitionKey partitionKey, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            return (await container.ReadItemAsync<T>(id, partitionKey, cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes the item; false when it was already gone (deleting is idempotent) or, with <paramref name="ifMatch"/>,
    /// when it changed since it was read (someone else owns it now, so it is not ours to delete).
    /// </summary>
    public static async Task<bool> TryDeleteAsync(this Container container, string id, PartitionKey partitionKey, CancellationToken cancellationToken, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await container.DeleteItemAsync<object>(id, partitionKey, new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound || (ifMatch is not null && ex.StatusCode == HttpStatusCode.PreconditionFailed))
        {
            return false;
        }
    }
}
