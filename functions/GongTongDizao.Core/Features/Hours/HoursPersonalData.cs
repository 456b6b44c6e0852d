using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>The person's hours in the personal-data export: each record as <c>GET /me/hours</c> shows it, and the totals.</summary>
public sealed record HoursExport(int ApprovedMinutes, decimal ApprovedHours, IReadOnlyList<HoursRecord> Records);

/// <summary>
/// The hours ledger's part in the PIPL rights. Deletion keeps the service record, pseudonymised: the organisation must
/// keep what was served (《志愿服务记录与证明出具办法》), and the node's and team's totals must stay true; without the
/// name, the id and the volunteer's own words it no longer identifies anyone. The volunteer's entries move to the
/// pseudonym's partition (the partition key is the person, so they are copied and the originals deleted: the one write
/// the append-only ledger allows besides appending), losing the real name and the reasons the volunteer wrote; entries
/// the person wrote as an organiser keep the decision but lose their name.
/// </summary>
public sealed class HoursPersonalData(HoursLedger ledger) : IPersonalDataSource
{
    public const string ErasedName = "已注销";

    public string Kind => "hours";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var entries = new List<HoursEntry>();
        await foreach (var entry in ledger.OfVolunteerAsync(userId, cancellationToken))
        {
            entries.Add(entry);
        }

        if (entries.Count > 0)
        {
            var records = HoursRecords.Fold(entries);
            var minutes = HoursRecords.ApprovedMinutes(records);
            yield return new HoursExport(minutes, HoursRules.ToHours(minutes), records);
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var own = new List<HoursEntry>();
        await foreach (var entry in ledger.OfVolunteerAsync(userId, cancellationToken))
        {
            own.Add(entry);
        }

        foreach (var entry in own)
        {
            // Copy first, then delete: a deletion cut short leaves a copy, never a gap (the copy's id is the original's).
            await ledger.TryAppendAsync(Forget(entry, userId, pseudonym), cancellationToken);
            await ledger.DeleteAsync(entry, cancellationToken);
        }

        var written = new List<HoursEntry>();
        await foreach (var entry in ledger.WrittenByAsync(userId, cancellationToken))
        {
            written.Add(entry);
        }

        foreach (var entry in written)
        {
            await ledger.UpsertForErasureAsync(entry with { ByUserId = pseudonym, ByName = "工作人员" }, cancellationToken);
        }
    }

    public static HoursEntry Forget(HoursEntry entry, string userId, string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var byVolunteer = entry.ByUserId == userId;
        return entry with
        {
            VolunteerId = pseudonym,
            VolunteerName = entry.VolunteerName is null ? null : ErasedName,
            ByUserId = byVolunteer ? pseudonym : entry.ByUserId,
            ByName = byVolunteer ? ErasedName : entry.ByName,
            Reason = entry.Kind == HoursEntryKind.CorrectionRequest ? ErasedName : entry.Reason,
            ETag = null,
        };
    }
}
