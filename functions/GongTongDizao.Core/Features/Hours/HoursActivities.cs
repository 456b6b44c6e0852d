using GongTongDizao.Core.Features.Activities;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>
/// The hours feature's view of activities: the activity an organiser acts on (only its organisers: the team's leaders
/// or staff in scope, as <see cref="ActivityAccess"/> says), and the service a ledger entry records.
/// </summary>
public sealed class HoursActivities(ActivityStore activities, ActivityAccess access)
{
    public Task<Activity?> FindAsync(string activityId, CancellationToken cancellationToken) =>
        ActivityStore.IsId(activityId) ? activities.FindAsync(activityId, cancellationToken) : Task.FromResult<Activity?>(null);

    /// <summary>The activity when the caller organises it; 404 when there is none, 403 for anyone else.</summary>
    public async Task<Result<Activity>> ManagedAsync(Caller caller, string activityId, CancellationToken cancellationToken)
    {
        if (await FindAsync(activityId, cancellationToken) is not { } activity)
        {
            return Error.NotFound();
        }

        return await access.ManagesAsync(caller, activity, cancellationToken) ? activity : Error.Forbidden("只有活动组织方可以办理");
    }

    public static HoursService ServiceOf(Activity activity, ActivitySession session)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(session);
        return new HoursService(
            activity.Id,
            activity.Title,
            session.Id,
            session.StartsAt,
            session.EndsAt,
            activity.Place.OrgId,
            activity.OrgPath.Contains(activity.Place.OrgId, StringComparer.Ordinal) ? activity.OrgPath : [.. activity.OrgPath, activity.Place.OrgId],
            activity.Organiser.TeamId,
            activity.Organiser.Name);
    }
}
