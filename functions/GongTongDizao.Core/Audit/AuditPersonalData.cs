using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Audit;

/// <summary>The audit entries a person made: exported, and re-attributed to a pseudonym when they are deleted.</summary>
public sealed class AuditPersonalData(AuditLog audit) : IPersonalDataSource
{
    public string Kind => "auditTrail";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in audit.ByActorAsync(userId, cancellationToken))
        {
            yield return entry;
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEvent>();
        await foreach (var entry in audit.ByActorAsync(userId, cancellationToken))
        {
            entries.Add(entry);
        }

        foreach (var entry in entries.Where(e => e.EntityId != userId))
        {
            await audit.ReattributeAsync(entry, pseudonym, cancellationToken);
        }

        // Entries about the account itself (roles granted and revoked) are kept under the pseudonym: the id is their
        // partition key, so each moves to the pseudonym's partition.
        var about = new List<AuditEvent>();
        await foreach (var entry in audit.AboutAsync(userId, cancellationToken))
        {
            about.Add(entry);
        }

        foreach (var entry in about)
        {
            await audit.MoveAsync(entry, entry with { EntityId = pseudonym, ActorId = entry.ActorId == userId ? pseudonym : entry.ActorId }, cancellationToken);
        }
    }
}
