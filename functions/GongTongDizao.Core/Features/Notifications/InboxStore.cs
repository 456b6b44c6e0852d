using System.Net;
using GongTongDizao.Core.Common;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>The in-app inbox items, all within the person's partition. Virtual for fakes.</summary>
public class InboxStore(CosmosClient cosmos)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    /// <summary>False when the person has this item already (a redelivered event): ids are deterministic.</summary>
    public virtual async Task<bool> TryCreateAsync(InboxItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            await _container.CreateItemAsync(item, new PartitionKey(item.UserId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    public virtual async Task<(IReadOnlyList<InboxItem> Items, string? Continuation)> PageAsync(string userId, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind = @k ORDER BY c.createdAt DESC")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        using var feed = _container.GetItemQueryIterator<InboxItem>(query, continuation, new QueryRequestOptions { PartitionKey = new PartitionKey(userId), MaxItemCount = pageSize });
        if (!feed.HasMoreResults)
        {
            return ([], null);
        }

        FeedResponse<InboxItem> page;
        try
        {
            page = await feed.ReadNextAsync(cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && continuation is not null)
        {
            throw new StalePageTokenException("The store cannot resume the inbox query from this position.", ex);
        }

        return ([.. page], page.Count == 0 ? null : page.ContinuationToken);
    }

    public virtual async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.userId = @u AND c.kind = @k AND c.read = false")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        using var feed = _container.GetItemQueryIterator<int>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        var count = 0;
        while (feed.HasMoreResults)
        {
            count += (await feed.ReadNextAsync(cancellationToken)).Sum();
        }

        return count;
    }

    public virtual async Task<IReadOnlyList<string>> UnreadIdsAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.userId = @u AND c.kind = @k AND c.read = false")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        using var feed = _container.GetItemQueryIterator<string>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        var ids = new List<string>();
        while (feed.HasMoreResults)
        {
            ids.AddRange(await feed.ReadNextAsync(cancellationToken));
        }

        return ids;
    }

    /// <summary>True when an unread inbox item of this person was marked; only inbox items are touched.</summary>
    public virtual async Task<bool> MarkReadAsync(string userId, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!id.StartsWith("n~", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var item = await _container.ReadItemAsync<InboxItem>(id, new PartitionKey(userId), cancellationToken: cancellationToken);
            if (item.Resource.Read)
            {
                return false;
            }

            await _container.PatchItemAsync<InboxItem>(
                id,
                new PartitionKey(userId),
                [PatchOperation.Set("/read", true), PatchOperation.Set("/readAt", at)],
                new PatchItemRequestOptions { IfMatchEtag = item.ETag, EnableContentResponseOnWrite = false },
                cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }
}
