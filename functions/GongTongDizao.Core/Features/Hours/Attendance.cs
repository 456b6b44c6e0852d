namespace GongTongDizao.Core.Features.Hours;

/// <summary>
/// Who attended a session, for other features (the activities' no-show at the session's end): whether a volunteer
/// checked in is one point read of their check-in entry in the ledger.
/// </summary>
public sealed class Attendance(HoursLedger ledger, CheckInTokens tokens)
{
    public async Task<bool> CheckedInAsync(string volunteerId, string activityId, string sessionId, CancellationToken cancellationToken) =>
        await ledger.FindAsync(volunteerId, HoursLedger.CheckInEntryId(tokens.CodeId(activityId, sessionId)), cancellationToken) is not null;
}
