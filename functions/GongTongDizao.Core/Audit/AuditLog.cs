using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Audit;

/// <summary>The audit trail (events container, partition key = the entity id): appended to, read by entity or actor, re-attributed on deletion.</summary>
public sealed class AuditLog(CosmosClient cosmos, TimeProvider time)
{
    public const string AdminActor = "admin";
    public const string SystemActor = "system";

    private readonly Container _events = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Events);

    public async Task AppendAsync(string entityType, string entityId, string action, string actorId, string? from = null, string? to = null, string? reason = null, CancellationToken cancellationToken = default)
    {
        var entry = new AuditEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            EntityId = entityId,
            EntityType = entityType,
            Action = action,
            ActorId = actorId,
            From = from,
            To = to,
            Reason = reason,
            At = time.GetUtcNow(),
        };
        await _events.CreateItemAsync(entry, new PartitionKey(entityId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
    }

    /// <summary>The entries about one entity, oldest first (its own partition).</summary>
    public IAsyncEnumerable<AuditEvent> AboutAsync(string entityId, CancellationToken cancellationToken) =>
        _events.DrainAsync<AuditEvent>(
            new QueryDefinition("SELECT * FROM e WHERE e.entityId = @id ORDER BY e.at").WithParameter("@id", entityId),
            new PartitionKey(entityId),
            cancellationToken);

    /// <summary>The entries a person made. Crosses partitions (they are spread over the entities touched): export and deletion only.</summary>
    public IAsyncEnumerable<AuditEvent> ByActorAsync(string actorId, CancellationToken cancellationToken) =>
        _events.DrainAsync<AuditEvent>(new QueryDefinition("SELECT * FROM e WHERE e.actorId = @actor").WithParameter("@actor", actorId), partitionKey: null, cancellationToken);

    /// <summary>Attributes an entry to someone else (a deleted person's pseudonym).</summary>
    public Task ReattributeAsync(AuditEvent entry, string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _events.PatchItemAsync<AuditEvent>(entry.Id, new PartitionKey(entry.EntityId), [PatchOperation.Set("/actorId", actorId)], cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Moves an entry to another entity's partition (same entry id): the copy is written before the original is
    /// removed, so an interrupted move leaves the entry twice, never lost.
    /// </summary>
    public async Task MoveAsync(AuditEvent entry, AuditEvent moved, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(moved);
        await _events.UpsertItemAsync(moved, new PartitionKey(moved.EntityId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        await _events.DeleteItemAsync<AuditEvent>(entry.Id, new PartitionKey(entry.EntityId), cancellationToken: cancellationToken);
    }
}
