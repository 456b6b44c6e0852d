using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The delivery records (<c>delivery~{eventId}</c> in the recipient's partition). Writes are conditional: a create
/// succeeds once and a save carries the ETag it read, which is what lets only one handler move a record.
/// Methods are virtual so the delivery steps can be tested against a fake.
/// </summary>
public partial class DeliveryStore(CosmosClient cosmos, TimeProvider time, ILogger<DeliveryStore> logger)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public virtual async Task<DeliveryRecord?> FindAsync(string userId, string id, CancellationToken cancellationToken)
    {
        try
        {
            return (await _container.ReadItemAsync<DeliveryRecord>(id, new PartitionKey(userId), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The created record, or null when one with this id exists already.</summary>
    public virtual async Task<DeliveryRecord?> TryCreateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            return (await _container.CreateItemAsync(record, new PartitionKey(record.UserId), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>Replaces the record if nobody changed it since it was read (its ETag); throws when somebody did.</summary>
    public virtual async Task<DeliveryRecord> SaveAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return (await _container.ReplaceItemAsync(
            record with { ETag = null, UpdatedAt = time.GetUtcNow() },
            record.Id,
            new PartitionKey(record.UserId),
            new ItemRequestOptions { IfMatchEtag = record.ETag },
            cancellationToken)).Resource;
    }

    /// <summary>As <see cref="SaveAsync"/>, but null instead of an exception when somebody changed the record meanwhile.</summary>
    public virtual async Task<DeliveryRecord?> TrySaveAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        try
        {
            return await SaveAsync(record, cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes why a handler gave up and releases its lease. A patch, not a replace: the handler may have saved the
    /// record since it was claimed. Best effort: the queue retries anyway, so a failure is only logged.
    /// </summary>
    public virtual async Task TryRecordErrorAsync(DeliveryRecord record, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _container.PatchItemAsync<DeliveryRecord>(
                record.Id,
                new PartitionKey(record.UserId),
                [PatchOperation.Set("/reason", reason), PatchOperation.Set<string?>("/leaseUntil", null)],
                new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
                cancellationToken);
        }
        catch (CosmosException ex)
        {
            LogRecordNotSaved(logger, record.Id, (int)ex.StatusCode);
        }
    }

    /// <summary>The person's pending deliveries of a template whose last try ended with one of <paramref name="reasons"/>.</summary>
    public virtual async Task<IReadOnlyList<DeliveryRecord>> PendingWithReasonAsync(string userId, string templateKey, IReadOnlyList<string> reasons, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind = @k AND c.templateKey = @t AND c.status = 'pending' AND ARRAY_CONTAINS(@reasons, c.reason)")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Delivery).WithParameter("@t", templateKey)
            .WithParameter("@reasons", reasons);
        var waiting = new List<DeliveryRecord>();
        using var feed = _container.GetItemQueryIterator<DeliveryRecord>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (feed.HasMoreResults)
        {
            waiting.AddRange(await feed.ReadNextAsync(cancellationToken));
        }

        return waiting;
    }

    /// <summary>Ids of the person's delivery records that WeChat's message id <paramref name="msgId"/> belongs to.</summary>
    public virtual async Task<IReadOnlyList<string>> IdsWithMsgIdAsync(string userId, string msgId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.userId = @u AND c.kind = @k AND c.msgId = @m")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Delivery).WithParameter("@m", msgId);
        var ids = new List<string>();
        using var feed = _container.GetItemQueryIterator<string>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (feed.HasMoreResults)
        {
            ids.AddRange(await feed.ReadNextAsync(cancellationToken));
        }

        return ids;
    }

    /// <summary>WeChat's own report of a send (subscribe_msg_sent_event) written on the record.</summary>
    public virtual async Task SetConfirmationAsync(string userId, string id, bool delivered, int errCode, CancellationToken cancellationToken) =>
        await _container.PatchItemAsync<DeliveryRecord>(
            id,
            new PartitionKey(userId),
            [PatchOperation.Set("/confirmed", delivered), PatchOperation.Set("/errCode", errCode)],
            new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the failure on delivery {Id} (HTTP {Status})")]
    private static partial void LogRecordNotSaved(ILogger logger, string id, int status);
}
