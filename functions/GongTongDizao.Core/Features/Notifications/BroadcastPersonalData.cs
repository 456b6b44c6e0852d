using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A notice the person sent as staff, with how its delivery went.</summary>
public sealed record BroadcastRecord(string Kind, string BroadcastId, string OrgId, string OrgName, BroadcastAudience Audience, string Title, string Body, DateTimeOffset CreatedAt, int? Recipients, int Sent);

/// <summary>
/// The notices a staff member sent. Each lives in its own partition, so finding them crosses partitions (export and
/// deletion are rare). A notice went to many residents and stays; on deletion its sender becomes the pseudonym.
/// </summary>
public sealed class BroadcastPersonalData(BroadcastStore broadcasts) : IPersonalDataSource
{
    public string Kind => "broadcasts";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var b in broadcasts.SentByAsync(userId, cancellationToken))
        {
            yield return new BroadcastRecord("broadcast", b.Id, b.OrgId, b.OrgName, b.Audience, b.Title, b.Body, b.CreatedAt, b.Recipients, b.Sent);
        }
    }

    public Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken) =>
        broadcasts.PseudonymiseSenderAsync(userId, pseudonym, cancellationToken);
}
