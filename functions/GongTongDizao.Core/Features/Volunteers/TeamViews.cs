using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>
/// A team as its reader may see it: the public profile for everyone; members and pending requests only for its
/// members and youth-league staff in scope (names people chose to show, never phones).
/// </summary>
public sealed record TeamView(
    string Id,
    string Name,
    TeamKind Kind,
    string KindLabel,
    OrgRef Org,
    IReadOnlyList<string> Categories,
    string? Profile,
    int MemberCount,
    IReadOnlyList<TeamMemberView>? Members,
    IReadOnlyList<JoinRequest>? JoinRequests,
    string? MyRole);

public sealed record TeamMemberView(string UserId, string DisplayName, bool Leader);

public sealed record TeamList(IReadOnlyList<TeamView> Items);

public sealed class TeamViews(OrgDirectory orgs)
{
    public async Task<TeamView> ViewAsync(Team team, string callerId, bool insider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(team);
        var org = await orgs.FindAsync(team.OrgId, cancellationToken);
        var me = team.Member(callerId);
        var pending = team.JoinRequests.Any(r => r.UserId == callerId);
        return new TeamView(
            team.Id,
            team.Name,
            team.Kind,
            TeamKinds.Label(team.Kind),
            new OrgRef(team.OrgId, org?.Name ?? team.OrgId),
            team.Categories,
            team.Profile,
            team.Members.Count,
            insider ? [.. team.Members.Select(m => new TeamMemberView(m.UserId, m.DisplayName, m.Leader))] : null,
            insider ? team.JoinRequests : null,
            me is null ? pending ? "pending" : null : me.Leader ? "leader" : "member");
    }
}
