using System.Net;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// Writes that only land if nobody changed the item since it was read (<c>If-Match</c> on its ETag): a concurrent
/// change becomes a 412, never a lost update. The caller either answers <c>CONCURRENT_CHANGE</c>
/// (<see cref="OrConcurrentChange{T}"/>) or re-reads and tries again (<see cref="OptimisticRetry"/>).
/// </summary>
public static class ConditionalWrites
{
    /// <summary>
    /// Replaces the item if its ETag still is <paramref name="ifMatch"/>; null when it is not (412). With
    /// <paramref name="vanishedIsChanged"/> a 404 (deleted meanwhile) counts as changed too. Pass the item without its
    /// ETag (<c>item with { ETag = null }</c>): the server sets a new one.
    /// </summary>
    public static async Task<T?> TryReplaceAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string? ifMatch, CancellationToken cancellationToken, bool vanishedIsChanged = false)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            return (await container.ReplaceItemAsync(item, id, partitionKey, new ItemRequestOptions { IfMatchEtag = ifMatch }, cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed || (vanishedIsChanged && ex.StatusCode == HttpStatusCode.NotFound))
        {
            return null;
        }
    }

    /// <summary>As <see cref="TryReplaceAsync{T}"/>, answering a lost race with <c>CONCURRENT_CHANGE</c>.</summary>
    public static async Task<Result<T>> ReplaceAsync<T>(this Container container, T item, string id, PartitionKey partitionKey, string? ifMatch, CancellationToken cancellationToken)
        where T : class =>
        OrConcurrentChange(await container.TryReplaceAsync(item, id, partitionKey, ifMatch, cancellationToken));

    /// <summary>Patches the item if its ETag still is <paramref name="ifMatch"/>; false when it changed (412). Returns no content.</summary>
    public static async Task<bool> TryPatchAsync(this Container container, string id, PartitionKey partitionKey, IReadOnlyList<PatchOperation> operations, string? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await container.PatchItemAsync<object>(id, partitionKey, operations, new PatchItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    /// <summary>
    /// Patches the item if it exists (unconditionally otherwise); false when there is none (404): a counter or field of
    /// something deleted meanwhile, or never created, has nothing to correct.
    /// </summary>
    public static async Task<bool> TryPatchExistingAsync(this Container container, string id, PartitionKey partitionKey, IReadOnlyList<PatchOperation> operations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await container.PatchItemAsync<object>(id, partitionKey, operations, new PatchItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Patches the item on condition that it matches <paramref name="filterPredicate"/> (<c>FROM c WHERE …</c>), which
    /// the server checks and applies as one step: true when patched, false when the condition does not hold (412), null
    /// when there is no such item (404). Returns no content.
    /// </summary>
    public static async Task<bool?> TryPatchWhereAsync(this Container container, string id, PartitionKey partitionKey, IReadOnlyList<PatchOperation> operations, string filterPredicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            await container.PatchItemAsync<object>(id, partitionKey, operations, new PatchItemRequestOptions { FilterPredicate = filterPredicate, EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>As <see cref="TryPatchExistingAsync"/>, answering the item as patched, or null when there is none.</summary>
    public static async Task<T?> PatchExistingAsync<T>(this Container container, string id, PartitionKey partitionKey, IReadOnlyList<PatchOperation> operations, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(container);
        try
        {
            return (await container.PatchItemAsync<T>(id, partitionKey, operations, cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The saved item, or <c>CONCURRENT_CHANGE</c> (409) when a conditional write lost the race (null).</summary>
    public static Result<T> OrConcurrentChange<T>(T? saved)
        where T : class =>
        saved is null ? Error.From(ErrorCodes.ConcurrentChange) : saved;
}
