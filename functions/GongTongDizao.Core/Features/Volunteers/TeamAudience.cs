using System.Runtime.CompilerServices;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>The teams' leaders for order notifications: a point read for one team, one small query for the teams serving a community.</summary>
public sealed class TeamAudience(TeamStore teams) : ITeamAudience
{
    public async IAsyncEnumerable<string> LeadersAsync(string teamId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await teams.FindAsync(teamId, cancellationToken) is { } team)
        {
            foreach (var leader in team.Members.Where(m => m.Leader))
            {
                yield return leader.UserId;
            }
        }
    }

    public async IAsyncEnumerable<string> LeadersServingAsync(string communityId, IReadOnlyList<string> communityPath, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(communityPath);
        var told = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var team in teams.ServingAsync(communityId, [.. communityPath, communityId], cancellationToken))
        {
            // The query also finds teams beneath the community (an estate's team); only those covering it serve it all.
            if (team.OrgId != communityId && !communityPath.Contains(team.OrgId, StringComparer.Ordinal))
            {
                continue;
            }

            foreach (var leader in team.Members.Where(m => m.Leader && told.Add(m.UserId)))
            {
                yield return leader.UserId;
            }
        }
    }
}
