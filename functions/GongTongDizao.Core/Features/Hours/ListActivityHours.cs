namespace GongTongDizao.Core.Features.Hours;

/// <summary>An activity's hours records for its organiser: what waits for a decision first (pending, open corrections).</summary>
public sealed record ActivityHours(string ActivityId, int PendingCount, int ApprovedMinutes, IReadOnlyList<HoursRecord> Records);

/// <summary>The organiser's list of an activity's hours: every volunteer's records of it, folded from the ledger.</summary>
public sealed class ListActivityHours(HoursActivities activities, HoursLedger ledger)
{
    public async Task<Result<ActivityHours>> HandleAsync(Caller caller, string activityId, CancellationToken cancellationToken)
    {
        var managed = await activities.ManagedAsync(caller, activityId, cancellationToken);
        if (!managed.IsSuccess)
        {
            return managed.Error;
        }

        var entries = new List<HoursEntry>();
        await foreach (var entry in ledger.OfActivityAsync(activityId, cancellationToken))
        {
            entries.Add(entry);
        }

        var records = HoursRecords.Fold(entries)
            .OrderByDescending(r => r.Status == HoursRecordStatus.Pending || r.CorrectionOpen)
            .ThenBy(r => r.Service.Start)
            .ToList();
        return new ActivityHours(activityId, records.Count(r => r.Status == HoursRecordStatus.Pending || r.CorrectionOpen), HoursRecords.ApprovedMinutes(records), records);
    }
}
