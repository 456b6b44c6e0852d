using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Attachments;

/// <summary>Upload documents (uploads container, partition key = ownerId) and media-check links (dedupe container).</summary>
public sealed class UploadStore(CosmosClient cosmos)
{
    private readonly Container _uploads = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Uploads);
    private readonly Container _dedupe = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Dedupe);

    public async Task<UploadRecord> CreateAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (await _uploads.CreateItemAsync(record, new PartitionKey(record.OwnerId), cancellationToken: cancellationToken)).Resource;
    }

    public Task<UploadRecord?> FindAsync(string ownerId, string uploadId, CancellationToken cancellationToken) =>
        _uploads.FindAsync<UploadRecord>(uploadId, new PartitionKey(ownerId), cancellationToken);

    /// <summary>Several uploads of one owner in one single-partition query.</summary>
    public IAsyncEnumerable<UploadRecord> FindManyAsync(string ownerId, IReadOnlyList<string> uploadIds, CancellationToken cancellationToken) =>
        QueryAsync(
            new QueryDefinition("SELECT * FROM c WHERE c.ownerId = @owner AND ARRAY_CONTAINS(@ids, c.id)").WithParameter("@owner", ownerId).WithParameter("@ids", uploadIds),
            new PartitionKey(ownerId),
            cancellationToken);

    /// <summary>By id alone: crosses partitions, so only for staff paths (moderation) and references without an owner.</summary>
    public async Task<UploadRecord?> FindByIdAsync(string uploadId, CancellationToken cancellationToken)
    {
        await foreach (var record in QueryAsync(new QueryDefinition("SELECT * FROM c WHERE c.id = @id").WithParameter("@id", uploadId), null, cancellationToken))
        {
            return record;
        }

        return null;
    }

    /// <summary>Saves a changed document if nobody changed it since it was read; null when someone did (412).</summary>
    public Task<UploadRecord?> TryReplaceAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _uploads.TryReplaceAsync(record with { ETag = null }, record.Id, new PartitionKey(record.OwnerId), record.ETag, cancellationToken, vanishedIsChanged: true);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current document, re-reading and retrying when a concurrent writer
    /// (a verdict, the timeout, a moderator) got there first. <paramref name="change"/> returns null for "nothing to do".
    /// </summary>
    public async Task<(UploadRecord Before, UploadRecord After)?> UpdateAsync(string ownerId, string uploadId, Func<UploadRecord, UploadRecord?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var updated = await OptimisticRetry.UpdateAsync(
            () => FindAsync(ownerId, uploadId, cancellationToken),
            change,
            (current, changed) => TryReplaceAsync(changed with { ETag = current.ETag }, cancellationToken));
        return updated.IsSuccess
            ? updated.Value
            : throw new InvalidOperationException($"Upload {uploadId} kept changing; giving up after {OptimisticRetry.DefaultAttempts} attempts.");
    }

    /// <summary>Deleting is idempotent: an upload already gone is not an error.</summary>
    public Task DeleteAsync(string ownerId, string uploadId, CancellationToken cancellationToken) =>
        _uploads.TryDeleteAsync(uploadId, new PartitionKey(ownerId), cancellationToken);

    public IAsyncEnumerable<UploadRecord> ByOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        QueryAsync(new QueryDefinition("SELECT * FROM c WHERE c.ownerId = @owner").WithParameter("@owner", ownerId), new PartitionKey(ownerId), cancellationToken);

    public async Task<int> CountPendingAsync(string ownerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @owner AND c.status = @status AND c.createdAt >= @since")
            .WithParameter("@owner", ownerId).WithParameter("@status", "uploaded").WithParameter("@since", since);
        return (int)await _uploads.SumAsync(query, new PartitionKey(ownerId), cancellationToken);
    }

    /// <summary>Uploads never committed, created before <paramref name="before"/>. Crosses partitions: the hourly sweeper only.</summary>
    public IAsyncEnumerable<UploadRecord> UncommittedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        QueryAsync(
            new QueryDefinition("SELECT * FROM c WHERE c.status = @status AND c.createdAt < @before").WithParameter("@status", "uploaded").WithParameter("@before", before),
            null,
            cancellationToken);

    /// <summary>
    /// Photos held for a moderator, oldest first (one ORDER BY field: more would need a composite index).
    /// Crosses partitions: the staff moderation queue only.
    /// </summary>
    public IAsyncEnumerable<UploadRecord> HeldAsync(CancellationToken cancellationToken) =>
        QueryAsync(
            new QueryDefinition("SELECT * FROM c WHERE c.status = @status AND c.check.status = @held ORDER BY c.check.updatedAt")
                .WithParameter("@status", "committed").WithParameter("@held", "held"),
            null,
            cancellationToken);

    public async Task LinkTraceAsync(string traceId, string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        var link = new MediaCheckLink { Id = MediaCheckLink.IdFor(traceId), OwnerId = ownerId, UploadId = uploadId };
        await _dedupe.UpsertItemAsync(link, new PartitionKey(link.Id), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
    }

    public async Task<MediaCheckLink?> FindTraceAsync(string traceId, CancellationToken cancellationToken)
    {
        var id = MediaCheckLink.IdFor(traceId);
        return await _dedupe.FindAsync<MediaCheckLink>(id, new PartitionKey(id), cancellationToken);
    }

    private IAsyncEnumerable<UploadRecord> QueryAsync(QueryDefinition query, PartitionKey? partitionKey, CancellationToken cancellationToken) =>
        _uploads.DrainAsync<UploadRecord>(query, partitionKey, cancellationToken);
}
