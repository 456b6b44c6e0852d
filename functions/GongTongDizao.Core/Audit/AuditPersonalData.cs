using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Audit;

/// <summary>The audit entries a person made: exported, and re-attributed to a pseudonym when they are deleted.</summary>
public sealed class AuditPersonalData(AuditLog audit) : IPersonalDataSource
{
    public string Kind => "auditTrail";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in ByActorAsync(userId, cancellationToken))
        {
            yield return entry;
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        await foreach (var entry in ByActorAsync(userId, cancellationToken))
        {
            await audit.Container.PatchItemAsync<AuditEvent>(entry.Id, new PartitionKey(entry.EntityId), [PatchOperation.Set("/actorId", pseudonym)], cancellationToken: cancellationToken);
        }
    }

    // Crosses partitions: a person's own entries are spread over the entities they touched. Export and deletion are rare.
    private async IAsyncEnumerable<AuditEvent> ByActorAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM e WHERE e.actorId = @actor").WithParameter("@actor", userId);
        using var feed = audit.Container.GetItemQueryIterator<AuditEvent>(query);
        while (feed.HasMoreResults)
        {
            foreach (var entry in await feed.ReadNextAsync(cancellationToken))
            {
                yield return entry;
            }
        }
    }
}
