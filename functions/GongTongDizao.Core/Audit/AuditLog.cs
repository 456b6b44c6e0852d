using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Audit;

public sealed class AuditLog(CosmosClient cosmos, TimeProvider time)
{
    public const string AdminActor = "admin";
    public const string SystemActor = "system";

    private readonly Container _events = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Events);

    public Container Container => _events;

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
}
