using System.Net;
using System.Runtime.CompilerServices;
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

    public async Task<UploadRecord?> FindAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _uploads.ReadItemAsync<UploadRecord>(uploadId, new PartitionKey(ownerId), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

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
    public async Task<UploadRecord?> TryReplaceAsync(UploadRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            return (await _uploads.ReplaceItemAsync(record with { ETag = null }, record.Id, new PartitionKey(record.OwnerId), new ItemRequestOptions { IfMatchEtag = record.ETag }, cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current document, re-reading and retrying when a concurrent writer
    /// (a verdict, the timeout, a moderator) got there first. <paramref name="change"/> returns null for "nothing to do".
    /// </summary>
    public async Task<(UploadRecord Before, UploadRecord After)?> UpdateAsync(string ownerId, string uploadId, Func<UploadRecord, UploadRecord?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await FindAsync(ownerId, uploadId, cancellationToken) is not { } current || change(current) is not { } changed)
            {
                return null;
            }

            if (await TryReplaceAsync(changed with { ETag = current.ETag }, cancellationToken) is { } saved)
            {
                return (current, saved);
            }
        }

        throw new InvalidOperationException($"Upload {uploadId} kept changing; giving up after 5 attempts.");
    }

    public async Task DeleteAsync(string ownerId, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            await _uploads.DeleteItemAsync<UploadRecord>(uploadId, new PartitionKey(ownerId), cancellationToken: cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: deleting is idempotent.
        }
    }

    public IAsyncEnumerable<UploadRecord> ByOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        QueryAsync(new QueryDefinition("SELECT * FROM c WHERE c.ownerId = @owner").WithParameter("@owner", ownerId), new PartitionKey(ownerId), cancellationToken);

    public async Task<int> CountPendingAsync(string ownerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @owner AND c.status = @status AND c.createdAt >= @since")
            .WithParameter("@owner", ownerId).WithParameter("@status", "uploaded").WithParameter("@since", since);
        using var feed = _uploads.GetItemQueryIterator<int>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(ownerId) });
        var count = 0;
        while (feed.HasMoreResults)
        {
            count += (await feed.ReadNextAsync(cancellationToken)).Sum();
        }

        return count;
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
        try
        {
            return (await _dedupe.ReadItemAsync<MediaCheckLink>(id, new PartitionKey(id), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async IAsyncEnumerable<UploadRecord> QueryAsync(QueryDefinition query, PartitionKey? partitionKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = partitionKey is { } pk ? new QueryRequestOptions { PartitionKey = pk } : null;
        using var feed = _uploads.GetItemQueryIterator<UploadRecord>(query, requestOptions: options);
        while (feed.HasMoreResults)
        {
            foreach (var record in await feed.ReadNextAsync(cancellationToken))
            {
                yield return record;
            }
        }
    }
}
