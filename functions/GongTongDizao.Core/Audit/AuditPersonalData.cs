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
        var entries = new List<AuditEvent>();
        await foreach (var entry in ByActorAsync(userId, cancellationToken))
        {
            entries.Add(entry);
        }

        foreach (var entry in entries.Where(e => e.EntityId != userId))
        {
            await audit.Container.PatchItemAsync<AuditEvent>(entry.Id, new PartitionKey(entry.EntityId), [PatchOperation.Set("/actorId", pseudonym)], cancellationToken: cancellationToken);
        }

        // Entries about the account itself (roles granted and revoked) are kept under the pseudonym: the id is their
        // partition key, so each moves to the pseudonym's partition (same entry id, created before the old is removed).
        var about = new QueryDefinition("SELECT * FROM e WHERE e.entityId = @user").WithParameter("@user", userId);
        using var feed = audit.Container.GetItemQueryIterator<AuditEvent>(about, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (feed.HasMoreResults)
        {
            foreach (var entry in await feed.ReadNextAsync(cancellationToken))
            {
                var moved = entry with { EntityId = pseudonym, ActorId = entry.ActorId == userId ? pseudonym : entry.ActorId };
                await audit.Container.UpsertItemAsync(moved, new PartitionKey(pseudonym), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
                await audit.Container.DeleteItemAsync<AuditEvent>(entry.Id, new PartitionKey(userId), cancellationToken: cancellationToken);
            }
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
