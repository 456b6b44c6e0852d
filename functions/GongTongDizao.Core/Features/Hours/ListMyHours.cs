namespace GongTongDizao.Core.Features.Hours;

/// <summary>
/// What <c>GET /me/hours</c> shows: the approved total (what a certificate states), what still waits for the organiser,
/// and every record (who, what, when, how long, confirmed by whom), newest service first.
/// </summary>
public sealed record MyHours(int ApprovedMinutes, decimal ApprovedHours, int PendingMinutes, IReadOnlyList<HoursRecord> Records);

/// <summary>The volunteer's own hours: one single-partition read of the ledger, folded.</summary>
public sealed class ListMyHours(HoursLedger ledger)
{
    public async Task<Result<MyHours>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var entries = new List<HoursEntry>();
        await foreach (var entry in ledger.OfVolunteerAsync(caller.Id, cancellationToken))
        {
            entries.Add(entry);
        }

        return Summarise(HoursRecords.Fold(entries));
    }

    public static MyHours Summarise(IReadOnlyList<HoursRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var approved = HoursRecords.ApprovedMinutes(records);
        return new MyHours(approved, HoursRules.ToHours(approved), records.Where(r => r.Status == HoursRecordStatus.Pending).Sum(r => r.Minutes), records);
    }
}
