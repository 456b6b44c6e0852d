namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The seat rules of one session, pure: who gets a seat, who waits, who is offered a freed seat, what a cancellation
/// is recorded as, and how the session's end records attendance. Each returns the roster as it must be saved; the
/// caller saves it under the roster's ETag (a lost race decides again on a fresh read).
/// </summary>
public static class SeatRules
{
    public static int Held(SessionRoster roster, SignUpRole role) =>
        roster.SignUps.Count(s => s.Role == role && SignUpStatuses.HoldsSeat(s.Status));

    public static int SeatsLeft(SessionRoster roster, SignUpRole role) => Math.Max(0, roster.Places(role) - Held(roster, role));

    public static int Waiting(SessionRoster roster, SignUpRole role) =>
        roster.SignUps.Count(s => s.Role == role && s.Status == SignUpStatus.Waitlisted);

    /// <summary>1 for the first one waiting; null when <paramref name="signUp"/> is not waiting.</summary>
    public static int? WaitlistPosition(SessionRoster roster, SignUp signUp) =>
        signUp.Status == SignUpStatus.Waitlisted
            ? 1 + roster.SignUps.Count(s => s.Role == signUp.Role && s.Status == SignUpStatus.Waitlisted && s.Sequence < signUp.Sequence)
            : null;

    /// <summary>An active sign-up of the same person for the same subject (themselves, or the same child by name).</summary>
    public static SignUp? Duplicate(SessionRoster roster, string userId, ChildDetails? child) =>
        roster.SignUps.FirstOrDefault(s => s.UserId == userId && SignUpStatuses.IsActive(s.Status)
            && string.Equals(s.Child?.Name, child?.Name, StringComparison.Ordinal));

    /// <summary>
    /// Adds <paramref name="draft"/> with the next arrival number: a seat while one is free and nobody of the role waits
    /// (pending approval when the organiser approves sign-ups), otherwise the end of the waiting list.
    /// </summary>
    public static (SessionRoster Roster, SignUp SignUp) Join(SessionRoster roster, SignUp draft, bool needsApproval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(draft);
        var seat = SeatsLeft(roster, draft.Role) > 0 && Waiting(roster, draft.Role) == 0;
        var signUp = draft with
        {
            Status = !seat ? SignUpStatus.Waitlisted : needsApproval ? SignUpStatus.PendingApproval : SignUpStatus.Registered,
            Sequence = roster.NextSequence,
            SignedUpAt = now,
            WasWaitlisted = !seat,
            RegisteredAt = seat && !needsApproval ? now : null,
        };
        return (roster with { NextSequence = roster.NextSequence + 1, SignUps = [.. roster.SignUps, signUp] }, signUp);
    }

    /// <summary>
    /// Offers the free seats of <paramref name="role"/> to those waiting, first come first offered, each until
    /// <paramref name="offerTimeout"/> from now (never past the session's start). Nothing is offered once the session started.
    /// </summary>
    public static (SessionRoster Roster, IReadOnlyList<SignUp> Offered) OfferFreedSeats(SessionRoster roster, SignUpRole role, DateTimeOffset now, TimeSpan offerTimeout)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var offered = new List<SignUp>();
        if (now >= roster.StartsAt || roster.ClosedAt is not null)
        {
            return (roster, offered);
        }

        var expires = now + offerTimeout < roster.StartsAt ? now + offerTimeout : roster.StartsAt;
        while (SeatsLeft(roster, role) > 0
            && roster.SignUps.Where(s => s.Role == role && s.Status == SignUpStatus.Waitlisted).MinBy(s => s.Sequence) is { } next)
        {
            var offer = next with { Status = SignUpStatus.Offered, OfferedAt = now, OfferExpiresAt = expires };
            roster = Replace(roster, offer);
            offered.Add(offer);
        }

        return (roster, offered);
    }

    /// <summary>Cancelled, or cancelled late when after the cut-off (hours before the session's start).</summary>
    public static SignUpStatus CancelledStatus(SessionRoster roster, int cutoffHours, DateTimeOffset now) =>
        now > roster.StartsAt - TimeSpan.FromHours(cutoffHours) ? SignUpStatus.CancelledLate : SignUpStatus.Cancelled;

    /// <summary>
    /// The session's end: registered sign-ups become attended when checked in, no-show otherwise; open offers expire
    /// and sign-ups still pending approval are declined (the session is over); the roster is closed.
    /// </summary>
    public static SessionRoster Close(SessionRoster roster, IReadOnlySet<string> checkedIn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(checkedIn);
        return roster with
        {
            ClosedAt = now,
            SignUps = [.. roster.SignUps.Select(s => s.Status switch
            {
                SignUpStatus.Registered => s with { Status = checkedIn.Contains(s.Id) ? SignUpStatus.Attended : SignUpStatus.NoShow },
                SignUpStatus.Offered => s with { Status = SignUpStatus.OfferExpired },
                SignUpStatus.PendingApproval => s with { Status = SignUpStatus.Declined, DecidedAt = now },
                _ => s,
            })],
        };
    }

    /// <summary>What the public list shows of a session: no places left once it is closed or cancelled.</summary>
    public static SeatSummary Summary(SessionRoster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var open = roster.ClosedAt is null && roster.CancelledAt is null;
        return new SeatSummary(
            open ? SeatsLeft(roster, SignUpRole.Participant) : 0,
            open ? SeatsLeft(roster, SignUpRole.Volunteer) : 0,
            open && Waiting(roster, SignUpRole.Participant) > 0,
            open && Waiting(roster, SignUpRole.Volunteer) > 0);
    }

    /// <summary>
    /// The activity was cancelled before the session ended: every sign-up holding or waiting for a seat becomes
    /// activity_cancelled (open offers and pending approvals too) and the roster is marked, so its timers do nothing.
    /// Returns the sign-ups that were active (the people to tell).
    /// </summary>
    public static (SessionRoster Roster, IReadOnlyList<SignUp> Cancelled) Cancel(SessionRoster roster, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var active = roster.SignUps.Where(s => SignUpStatuses.IsActive(s.Status)).ToList();
        return (roster with
        {
            CancelledAt = now,
            SignUps = [.. roster.SignUps.Select(s => SignUpStatuses.IsActive(s.Status) ? s with { Status = SignUpStatus.ActivityCancelled, CancelledAt = now } : s)],
        }, active);
    }

    public static SessionRoster Replace(SessionRoster roster, SignUp updated)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(updated);
        return roster with { SignUps = [.. roster.SignUps.Select(s => s.Id == updated.Id ? updated : s)] };
    }
}
