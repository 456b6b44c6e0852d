using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>The in-app inbox items, all within the person's partition. Virtual for fakes.</summary>
public class InboxStore(CosmosClient cosmos, BulkCosmosClient bulk)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
    private readonly Container _bulk = bulk.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    /// <summary>False when the person has this item already (a redelivered event): ids are deterministic.</summary>
    public virtual Task<bool> TryCreateAsync(InboxItem item, CancellationToken cancellationToken) =>
        TryCreateAsync(_container, item, cancellationToken);

    /// <summary>As <see cref="TryCreateAsync(InboxItem, CancellationToken)"/>, packed with the other items written at the same time (a broadcast page's) into one request per partition key range.</summary>
    public virtual Task<bool> TryCreateInBulkAsync(InboxItem item, CancellationToken cancellationToken) =>
        TryCreateAsync(_bulk, item, cancellationToken);

    public virtual Task<InboxItem?> FindAsync(string userId, string id, CancellationToken cancellationToken) =>
        _container.FindAsync<InboxItem>(id, new PartitionKey(userId), cancellationToken);

    public virtual async Task<(IReadOnlyList<InboxItem> Items, string? Continuation)> PageAsync(string userId, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind = @k ORDER BY c.createdAt DESC")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        var page = await _container.ReadPageAsync<InboxItem>(query, new PartitionKey(userId), continuation, pageSize, cancellationToken);
        return (page.Items, page.Items.Count == 0 ? null : page.Position);
    }

    public virtual async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.userId = @u AND c.kind = @k AND c.read = false")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        return (int)await _container.SumAsync(query, new PartitionKey(userId), cancellationToken);
    }

    public virtual async Task<IReadOnlyList<string>> UnreadIdsAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.userId = @u AND c.kind = @k AND c.read = false")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        return await _container.DrainAsync<string>(query, new PartitionKey(userId), cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>True when an unread inbox item of this person was marked (unless it changed meanwhile); only inbox items are touched.</summary>
    public virtual async Task<bool> MarkReadAsync(string userId, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!id.StartsWith("n~", StringComparison.Ordinal))
        {
            return false;
        }

        var partition = new PartitionKey(userId);
        return await _container.FindAsync<InboxItem>(id, partition, cancellationToken) is { Read: false } item
            && await _container.TryPatchAsync(id, partition, [PatchOperation.Set("/read", true), PatchOperation.Set("/readAt", at)], item.ETag, cancellationToken);
    }

    private static async Task<bool> TryCreateAsync(Container container, InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return await container.TryCreateAsync(item, new PartitionKey(item.UserId), cancellationToken, returnContent: false) is not null;
    }
}
