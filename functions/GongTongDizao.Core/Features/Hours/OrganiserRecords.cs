namespace GongTongDizao.Core.Features.Hours;

/// <summary>A volunteer's record of an activity as its organiser sees it: the ledger entries it folds from, and the record.</summary>
public sealed record OrganisedRecord(IReadOnlyList<HoursEntry> Entries, HoursRecord Record);

/// <summary>
/// What an organiser's decision on a record starts from: the activity managed by the caller (404, or 403 for anyone
/// but its organisers), then the record, which must belong to that activity (404 otherwise, as for one that is not there).
/// </summary>
public sealed class OrganiserRecords(HoursActivities activities, HoursLedger ledger)
{
    public async Task<Result<OrganisedRecord>> FindAsync(Caller caller, string activityId, string volunteerId, string recordId, CancellationToken cancellationToken)
    {
        var managed = await activities.ManagedAsync(caller, activityId, cancellationToken);
        if (!managed.IsSuccess)
        {
            return managed.Error;
        }

        var entries = await ledger.OfRecordAsync(volunteerId, recordId, cancellationToken);
        return HoursRecords.FoldOne(entries) is { } record && record.Service.ActivityId == activityId
            ? new OrganisedRecord(entries, record)
            : Error.NotFound();
    }
}
