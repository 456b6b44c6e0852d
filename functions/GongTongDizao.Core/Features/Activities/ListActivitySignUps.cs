namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The organiser's list of one session's sign-ups in arrival order (one point read), each with the name taken at
/// sign-up (a volunteer's real name, else the nickname). Child names are shown to the organiser, who looks after the
/// children; no phone number, openid or other profile field is.
/// </summary>
public sealed class ListActivitySignUps(ActivityStore activities, RosterStore rosters, ActivityAccess access)
{
    public async Task<Result<RosterView>> HandleAsync(Caller caller, string activityId, string? sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await activities.FindAsync(activityId, cancellationToken) is not { } activity)
        {
            return Error.NotFound();
        }

        if (!await access.ManagesAsync(caller, activity, cancellationToken))
        {
            return Error.Forbidden();
        }

        var session = string.IsNullOrEmpty(sessionId) ? activity.Sessions[0] : activity.Session(sessionId);
        if (session is null)
        {
            return Error.Validation("sessionId", "场次不存在");
        }

        if (await rosters.FindAsync(activity.Id, session.Id, cancellationToken) is not { } roster)
        {
            return new RosterView(activity.Id, session.Id, []);
        }

        return new RosterView(activity.Id, session.Id, [.. roster.SignUps.OrderBy(s => s.Sequence).Select(s => new RosterEntryView(ActivityViews.SignUp(roster, s), s.UserId, s.Name))]);
    }
}
