using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The delivery records (<c>delivery~{eventId}</c> in the recipient's partition). Writes are conditional: a create
/// succeeds once and a save carries the ETag it read, which is what lets only one handler move a record.
/// Methods are virtual so the delivery steps can be tested against a fake. Saves go through the bulk client: only queue
/// work saves a record, a batch's deliveries finish side by side, and their replaces then share a request per
/// partition key range; a save waits at most the bulk client's 0.1 s for its request, which no resident waits for.
/// </summary>
public partial class DeliveryStore(CosmosClient cosmos, BulkCosmosClient bulk, TimeProvider time, ILogger<DeliveryStore> logger)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);
    private readonly Container _bulk = bulk.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public virtual Task<DeliveryRecord?> FindAsync(string userId, string id, CancellationToken cancellationToken) =>
        _container.FindAsync<DeliveryRecord>(id, new PartitionKey(userId), cancellationToken);

    /// <summary>The created record, or null when one with this id exists already.</summary>
    public virtual Task<DeliveryRecord?> TryCreateAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _container.TryCreateAsync(record, new PartitionKey(record.UserId), cancellationToken);
    }

    /// <summary>
    /// Replaces the record if nobody changed it since it was read (its ETag); throws when somebody did: the steps
    /// after a claim own the record, so a lost race there is a fault the queue retries.
    /// </summary>
    public virtual async Task<DeliveryRecord> SaveAsync(DeliveryRecord record, CancellationToken cancellationToken) =>
        await TrySaveAsync(record, cancellationToken)
        ?? throw new DeliveryChangedException($"Delivery {record.Id} changed while this handler owned it.");

    /// <summary>As <see cref="SaveAsync"/>, but null when somebody changed the record meanwhile.</summary>
    public virtual Task<DeliveryRecord?> TrySaveAsync(DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _bulk.TryReplaceAsync(record with { ETag = null, UpdatedAt = time.GetUtcNow() }, record.Id, new PartitionKey(record.UserId), record.ETag, cancellationToken);
    }

    /// <summary>
    /// Writes why a handler gave up and releases its lease, while the record is still pending. A patch, not a replace:
    /// the handler may have saved the record since it was claimed. A record made final already (the handler failed
    /// after that, while counting it) keeps its outcome's reason: the error is not the delivery's. Best effort: the
    /// queue retries anyway, so a failure is only logged.
    /// </summary>
    public virtual async Task TryRecordErrorAsync(DeliveryRecord record, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        try
        {
            await _container.TryPatchWhereAsync(
                record.Id,
                new PartitionKey(record.UserId),
                [PatchOperation.Set("/reason", reason), PatchOperation.Set<string?>("/leaseUntil", null)],
                "FROM c WHERE c.status = 'pending'",
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
        return await _container.DrainAsync<DeliveryRecord>(query, new PartitionKey(userId), cancellationToken).ToListAsync(cancellationToken);
    }

    /// <summary>Ids of the person's delivery records that WeChat's message id <paramref name="msgId"/> belongs to.</summary>
    public virtual async Task<IReadOnlyList<string>> IdsWithMsgIdAsync(string userId, string msgId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.userId = @u AND c.kind = @k AND c.msgId = @m")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Delivery).WithParameter("@m", msgId);
        return await _container.DrainAsync<string>(query, new PartitionKey(userId), cancellationToken).ToListAsync(cancellationToken);
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

/// <summary>A delivery record changed while the handler that claimed it was working on it (its ETag no longer matched).</summary>
public sealed class DeliveryChangedException(string message) : InvalidOperationException(message);
