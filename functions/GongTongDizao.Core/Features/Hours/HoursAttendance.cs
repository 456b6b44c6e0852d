using GongTongDizao.Core.Features.Activities;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>
/// Who checked in to a session, for the activities' attended / no-show at its end (0015): the sign-ups named by the
/// session's check-in entries. One query across volunteers' partitions, once per session.
/// </summary>
public sealed class HoursAttendance(HoursLedger ledger) : IActivityAttendance
{
    public async Task<IReadOnlySet<string>> CheckedInSignUpsAsync(string activityId, string sessionId, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entry in ledger.CheckInsOfSessionAsync(activityId, sessionId, cancellationToken))
        {
            if (entry.SignUpId is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }
}
