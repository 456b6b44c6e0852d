using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>The teams that can serve a node (theirs covers it, or lies beneath it): public profiles, for residents choosing a team to join and staff dispatching.</summary>
public sealed class ListTeams(TeamStore teams, TeamViews views, OrgDirectory orgs)
{
    public async Task<Result<TeamList>> HandleAsync(Caller caller, string? orgId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(orgId) || await orgs.FindAsync(orgId, cancellationToken) is not { } org)
        {
            return Error.Validation("orgId", "请选择组织");
        }

        var items = new List<TeamView>();
        await foreach (var team in teams.ServingAsync(org.Id, [.. org.Path, org.Id], cancellationToken))
        {
            items.Add(await views.ViewAsync(team, caller.Id, insider: false, cancellationToken));
        }

        return new TeamList([.. items.OrderBy(t => t.Name, StringComparer.Ordinal)]);
    }
}
