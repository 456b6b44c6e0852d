using System.Net;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// Creates where the id is the uniqueness rule (one second per person and topic, one account per openid, one holder
/// of an idempotency key): a 409 means "someone created it first", an answer rather than a failure.
/// </summary>
public static class CreateWrites
{
    /// <summary>
    /// Creates the item; null when one with its id already exists in the partition. With <paramref name="returnContent"/>
    /// false the server sends no body back (less to read) and the item as sent is returned.
    /// </summary>
    public static async Task<T?> TryCreateAsync<T>(this Container container, T item, PartitionKey partitionKey, CancellationToken cancellationToken, bool returnContent = true)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            var created = await container.CreateItemAsync(item, partitionKey, new ItemRequestOptions { EnableContentResponseOnWrite = returnContent }, cancellationToken);
            return returnContent ? created.Resource : item;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }
}
