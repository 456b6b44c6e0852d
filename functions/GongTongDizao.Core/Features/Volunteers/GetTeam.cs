using GongTongDizao.Core.Authorization;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>A team's public profile for anyone signed in; members and join requests for its members and staff in scope.</summary>
public sealed class GetTeam(TeamStore teams, TeamViews views, Authorizer authorizer)
{
    public async Task<Result<TeamView>> HandleAsync(Caller caller, string teamId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await teams.FindAsync(teamId, cancellationToken) is not { } team)
        {
            return Error.NotFound();
        }

        var insider = team.Member(caller.Id) is not null || await authorizer.CanAsync(caller.User, Permission.RunVolunteerService, team.OrgId, cancellationToken);
        return await views.ViewAsync(team, caller.Id, insider, cancellationToken);
    }
}
