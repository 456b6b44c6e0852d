using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The one place that says who organises: a leader of the organising team, or staff (youth league, women's federation)
/// whose scope covers the activity's place. Everyone else reads the public view only.
/// </summary>
public sealed class ActivityAccess(Authorizer authorizer, TeamStore teams, OrgDirectory orgs)
{
    public async Task<bool> ManagesAsync(Caller caller, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Organiser is { Kind: ActivityOrganiserKind.Team, TeamId: { } teamId }
            && await teams.FindAsync(teamId, cancellationToken) is { } team && team.IsLeader(caller.Id))
        {
            return true;
        }

        return await authorizer.CanAsync(caller.User, Permission.OrganiseActivities, activity.Place.OrgId, cancellationToken);
    }

    /// <summary>
    /// The organiser a new activity at <paramref name="place"/> gets: the team when the caller leads it and the team's
    /// node covers the place; staff when their scope covers it; otherwise FORBIDDEN.
    /// </summary>
    public async Task<Result<ActivityOrganiser>> OrganiserAsync(Caller caller, string? teamId, OrgUnit place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(place);
        if (teamId is not null)
        {
            if (await teams.FindAsync(teamId, cancellationToken) is not { } team || !team.IsLeader(caller.Id))
            {
                return Error.Forbidden("只有队长可以以队伍名义发布活动");
            }

            return await orgs.CoversAsync(team.OrgId, place.Id, cancellationToken)
                ? new ActivityOrganiser(ActivityOrganiserKind.Team, team.Id, team.Name)
                : Error.Validation("place.orgId", "活动地点须在队伍服务的区域内");
        }

        return await authorizer.CanAsync(caller.User, Permission.OrganiseActivities, place.Id, cancellationToken)
            ? new ActivityOrganiser(ActivityOrganiserKind.Staff, null, place.Name)
            : Error.Forbidden();
    }
}
