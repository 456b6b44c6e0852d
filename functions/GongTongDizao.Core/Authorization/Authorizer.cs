using System.Collections.Frozen;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Authorization;

/// <summary>
/// The one answer to "may this user do X on an item of org N": a role grants a permission on the node it is bound
/// to and everything below it. No feature checks scope any other way.
/// </summary>
public sealed class Authorizer(OrgDirectory orgs)
{
    private static readonly FrozenDictionary<Permission, Role[]> s_grants = new Dictionary<Permission, Role[]>
    {
        [Permission.HandleLetters] = [Role.YouthLeagueWorker],
        [Permission.ManageDeliberation] = [Role.WomensFederationWorker, Role.WomenRepresentative],
        [Permission.ModerateContent] = [Role.Moderator],
        [Permission.BroadcastToYouth] = [Role.YouthLeagueWorker],
        [Permission.BroadcastToWomen] = [Role.WomensFederationWorker],
        [Permission.RunVolunteerService] = [Role.YouthLeagueWorker],
        [Permission.OrganiseActivities] = [Role.YouthLeagueWorker, Role.WomensFederationWorker],
    }.ToFrozenDictionary();

    public static IReadOnlyList<Role> RolesGranting(Permission permission) => s_grants[permission];

    public async Task<bool> CanAsync(UserAccount user, Permission permission, string orgId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var role in user.Roles.Where(r => s_grants[permission].Contains(r.Role)))
        {
            if (await orgs.CoversAsync(role.OrgId, orgId, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The org nodes whose subtrees the user may act on with this permission (for scoped listings).</summary>
    public static IReadOnlyList<string> ScopeRoots(UserAccount user, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return [.. user.Roles.Where(r => s_grants[permission].Contains(r.Role)).Select(r => r.OrgId).Distinct()];
    }
}
