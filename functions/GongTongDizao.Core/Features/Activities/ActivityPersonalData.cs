using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>One sign-up as its owner gets it in the personal-data export (with the child's details and what they declared).</summary>
public sealed record SignUpExport(
    string ActivityId,
    string SessionId,
    string SignUpId,
    SignUpRole Role,
    string? Name,
    SignUpStatus Status,
    ChildDetails? Child,
    int? BirthYear,
    bool? DeclaredWoman,
    DateTimeOffset SignedUpAt,
    DateTimeOffset? TermsAcceptedAt,
    DateTimeOffset? CancelledAt);

/// <summary>
/// The sign-ups a person made. Deletion keeps each sign-up for the session's numbers (seats, no-shows) but replaces the
/// person with the pseudonym and drops what described them: the name shown to organisers (now "已注销"), a child's name
/// and age, a stated birth year, a declaration.
/// Activities they created keep the pseudonym as creator (the organiser is a team or an office, not the person).
/// </summary>
public sealed class ActivityPersonalData(RosterStore rosters, ActivityStore activities) : IPersonalDataSource
{
    public string Kind => "activitySignUps";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var roster in rosters.OfPersonAsync(userId, cancellationToken))
        {
            foreach (var s in roster.SignUps.Where(s => s.UserId == userId))
            {
                yield return new SignUpExport(roster.ActivityId, roster.SessionId, s.Id, s.Role, s.Name, s.Status, s.Child, s.BirthYear, s.DeclaredWoman, s.SignedUpAt, s.TermsAcceptedAt, s.CancelledAt);
            }
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var roster in rosters.OfPersonAsync(userId, cancellationToken))
        {
            ids.Add(roster.Id);
        }

        foreach (var id in ids)
        {
            // Re-read and save with the ETag: others may be signing up for the session at this very moment.
            for (var attempt = 0; attempt < 20; attempt++)
            {
                if (await rosters.FindAsync(id, cancellationToken) is not { } roster || await rosters.TryReplaceAsync(Forget(roster, userId, pseudonym), roster.ETag, cancellationToken) is not null)
                {
                    break;
                }
            }
        }

        await foreach (var activity in activities.ByCreatorAsync(userId, cancellationToken))
        {
            await activities.TryReplaceAsync(activity with { CreatedBy = pseudonym }, activity.ETag, cancellationToken);
        }
    }

    public static SessionRoster Forget(SessionRoster roster, string userId, string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return roster with
        {
            SignUps = [.. roster.SignUps.Select(s => s.UserId != userId ? s : s with { UserId = pseudonym, Name = Hours.HoursPersonalData.ErasedName, Child = null, BirthYear = null, DeclaredWoman = null })],
        };
    }
}
