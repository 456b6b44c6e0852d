namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// One activity: its public fields, seats left per session and the caller's own sign-ups (one point read and one
/// single-partition query). Held activities are shown to their organisers only; cancelled ones to everyone, with the reason.
/// </summary>
public sealed class GetActivity(ActivityStore store, RosterStore rosters, ActivityAccess access)
{
    public async Task<Result<ActivityView>> HandleAsync(Caller caller, string activityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.FindAsync(activityId, cancellationToken) is not { } activity)
        {
            return Error.NotFound();
        }

        var manages = await access.ManagesAsync(caller, activity, cancellationToken);
        if (activity.ContentHeld && !manages)
        {
            return Error.NotFound();
        }

        var sessions = await rosters.OfActivityAsync(activity.Id, cancellationToken);
        return ActivityViews.View(activity, sessions, caller.Id, manages);
    }
}
