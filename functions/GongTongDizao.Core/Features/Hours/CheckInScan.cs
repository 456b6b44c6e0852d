using GongTongDizao.Core.Features.Activities;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>A scanned code that holds: its session, and the caller's sign-ups there that may check in.</summary>
public sealed record ScannedSession(string CodeId, Activity Activity, ActivitySession Session, IReadOnlyList<SignUp> SignUps);

/// <summary>
/// Reads a scanned check-in code: the signature and the end first (nothing is read for a forged or expired code), then
/// which session the code names, whether it is open yet, and the caller's registered sign-ups of that session. A code of
/// a session the caller did not sign up for (another session's, another activity's) names no sign-up of theirs.
/// </summary>
public sealed class CheckInScan(CheckInTokens tokens, HoursLedger ledger, ActivityStore activities, RosterStore rosters, IOptions<HoursOptions> options)
{
    public async Task<Result<ScannedSession>> ReadAsync(Caller caller, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        switch (tokens.Check(code, now, out var ticket))
        {
            case CheckInTokenCheck.Expired:
                return Error.From(ErrorCodes.CheckInCodeExpired);
            case CheckInTokenCheck.Invalid:
                return Error.From(ErrorCodes.CheckInCodeInvalid);
        }

        if (await ledger.FindCodeAsync(ticket!.CodeId, cancellationToken) is not { } named
            || await activities.FindAsync(named.ActivityId, cancellationToken) is not { } activity
            || activity.Session(named.SessionId) is not { } session)
        {
            return Error.From(ErrorCodes.CheckInCodeInvalid);
        }

        if (activity.Status == ActivityStatus.Cancelled)
        {
            return Error.From(ErrorCodes.CheckInCodeExpired, "活动已取消");
        }

        if (now < session.StartsAt - options.Value.CheckInOpensBefore)
        {
            return Error.From(ErrorCodes.CheckInNotOpen, $"活动开始前 {(int)options.Value.CheckInOpensBefore.TotalMinutes} 分钟起可以签到");
        }

        var roster = await rosters.FindAsync(activity.Id, session.Id, cancellationToken);
        var mine = roster?.SignUps.Where(s => s.UserId == caller.Id && s.Status is SignUpStatus.Registered or SignUpStatus.Attended).ToList() ?? [];
        return mine.Count == 0 ? Error.From(ErrorCodes.CheckInNotRegistered) : new ScannedSession(ticket.CodeId, activity, session, mine);
    }
}
