namespace GongTongDizao.Core.Features.Hours;

public enum HoursRecordStatus
{
    /// <summary>Checked in, not yet out.</summary>
    InProgress,
    Pending,
    Approved,
    Declined,
}

/// <summary>A correction the volunteer asked for and, once decided, the answer.</summary>
public sealed record HoursCorrection(
    string Id,
    int RequestedMinutes,
    string Reason,
    DateTimeOffset RequestedAt,
    bool? Accepted,
    int? GrantedMinutes,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionReason);

/// <summary>
/// A volunteer's record, folded from its ledger entries: who, what, when, how long, confirmed by whom. The minutes are
/// the attendance's credit or the 补录's, replaced by the last accepted correction; the status is the organiser's
/// decision, and an accepted correction approves.
/// </summary>
public sealed record HoursRecord(
    string Id,
    string VolunteerId,
    string? VolunteerName,
    HoursService Service,
    bool Offline,
    string? OfflineReason,
    DateTimeOffset? CheckedInAt,
    DateTimeOffset? CheckedOutAt,
    bool AutoClosed,
    bool? CoversSession,
    int CreditedMinutes,
    int Minutes,
    HoursRecordStatus Status,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt,
    string? DecisionReason,
    IReadOnlyList<HoursCorrection> Corrections,
    DateTimeOffset RecordedAt)
{
    /// <summary>Flagged for a human look: closed by the system, or added by hand.</summary>
    public bool Flagged => AutoClosed || Offline;

    public bool CorrectionOpen => Corrections.Any(c => c.Accepted is null);

    /// <summary>The minutes as hours (2.5).</summary>
    public decimal Hours => HoursRules.ToHours(Minutes);
}

/// <summary>Folds ledger entries into records (pure: the ledger never changes, so this is the one reading of it).</summary>
public static class HoursRecords
{
    public static IReadOnlyList<HoursRecord> Fold(IEnumerable<HoursEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Where(e => !e.Participant).GroupBy(e => (e.VolunteerId, e.RecordId))
            .Select(g => FoldOne([.. g.OrderBy(e => e.At).ThenBy(e => e.Kind)]))
            .OfType<HoursRecord>()
            .OrderByDescending(r => r.Service.Start)
            .ThenByDescending(r => r.RecordedAt)];
    }

    public static HoursRecord? FoldOne(IReadOnlyList<HoursEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var origin = entries.FirstOrDefault(e => e.Kind is HoursEntryKind.Attendance or HoursEntryKind.Offline)
            ?? entries.FirstOrDefault(e => e.Kind == HoursEntryKind.CheckIn);
        if (origin is null)
        {
            return null;
        }

        var attendance = entries.FirstOrDefault(e => e.Kind == HoursEntryKind.Attendance);
        var offline = origin.Kind == HoursEntryKind.Offline;
        var checkIn = entries.FirstOrDefault(e => e.Kind == HoursEntryKind.CheckIn);
        var credited = origin.Minutes ?? 0;
        var minutes = credited;
        HoursRecordStatus status = attendance is null && !offline ? HoursRecordStatus.InProgress
            : offline ? HoursRecordStatus.Approved
            : HoursRecordStatus.Pending;
        string? confirmedBy = offline ? origin.ByName : null;
        DateTimeOffset? confirmedAt = offline ? origin.At : null;
        string? decisionReason = null;
        if (entries.FirstOrDefault(e => e.Kind == HoursEntryKind.Decision) is { } decision && status == HoursRecordStatus.Pending)
        {
            status = decision.Approved == true ? HoursRecordStatus.Approved : HoursRecordStatus.Declined;
            confirmedBy = decision.ByName;
            confirmedAt = decision.At;
            decisionReason = decision.Reason;
        }

        var corrections = new List<HoursCorrection>();
        foreach (var request in entries.Where(e => e.Kind == HoursEntryKind.CorrectionRequest))
        {
            var answer = entries.FirstOrDefault(e => e.Kind == HoursEntryKind.CorrectionDecision && e.CorrectionId == request.Id);
            corrections.Add(new HoursCorrection(request.Id, request.Minutes ?? 0, request.Reason ?? "", request.At, answer?.Approved, answer?.Minutes, answer?.ByName, answer?.At, answer?.Reason));
            if (answer is { Approved: true })
            {
                minutes = answer.Minutes ?? request.Minutes ?? minutes;
                status = HoursRecordStatus.Approved;
                confirmedBy = answer.ByName;
                confirmedAt = answer.At;
            }
        }

        return new HoursRecord(
            origin.RecordId,
            origin.VolunteerId,
            origin.VolunteerName,
            origin.Service,
            offline,
            offline ? origin.Reason : null,
            attendance?.CheckedInAt ?? checkIn?.CheckedInAt,
            attendance?.CheckedOutAt,
            attendance?.AutoClosed ?? false,
            attendance?.CoversSession,
            credited,
            minutes,
            status,
            confirmedBy,
            confirmedAt,
            decisionReason,
            corrections,
            origin.At);
    }

    /// <summary>How an organiser is named on what they confirmed: their display name, as on every staff action.</summary>
    public static string OrganiserName(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return string.IsNullOrWhiteSpace(caller.User.DisplayName) ? "工作人员" : caller.User.DisplayName;
    }

    /// <summary>Minutes of the approved records: the total a certificate states.</summary>
    public static int ApprovedMinutes(IEnumerable<HoursRecord> records) =>
        records.Where(r => r.Status == HoursRecordStatus.Approved).Sum(r => r.Minutes);
}
