using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>
/// What a new team is checked against before it exists: the node it serves must lie within the founding
/// youth-league worker's scope, and its leaders must already have accounts (they become its first members).
/// </summary>
public sealed class TeamFounding(OrgDirectory orgs, Authorizer authorizer, UserStore users, OrderMenu menu)
{
    public async Task<Result<OrgUnit>> PlaceAsync(Caller caller, string orgId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Authorizer.ScopeRoots(caller.User, Permission.RunVolunteerService).Count == 0)
        {
            return Error.Forbidden();
        }

        if (await orgs.FindAsync(orgId, cancellationToken) is not { } org)
        {
            return Error.Validation("orgId", "组织不存在");
        }

        return await authorizer.CanAsync(caller.User, Permission.RunVolunteerService, org.Id, cancellationToken)
            ? org
            : Error.Forbidden("只能在本人辖区内建立队伍");
    }

    /// <summary>The services a new team offers must be on the live menu and not retired.</summary>
    public Task<Error?> CategoriesAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken) => menu.CheckActiveAsync(codes, cancellationToken);

    public async Task<Result<List<TeamMember>>> LeadersAsync(IReadOnlyList<string> leaderIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leaderIds);
        var leaders = new List<TeamMember>();
        foreach (var id in leaderIds)
        {
            if (await users.FindAsync(id, cancellationToken) is not { } leader)
            {
                return Error.Validation("leaderIds", "队长须先登录过小程序");
            }

            leaders.Add(new TeamMember(leader.Id, leader.DisplayName ?? "志愿者", Leader: true, now));
        }

        return leaders;
    }
}
