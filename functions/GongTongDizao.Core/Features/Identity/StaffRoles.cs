using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Identity;

public sealed record UserRolesView(string UserId, IReadOnlyList<RoleView> Roles);

internal static class StaffRoles
{
    /// <summary>Each role's org and that org's ancestors, so "staff within node N" is one ARRAY_CONTAINS query.</summary>
    public static async Task<IReadOnlyList<string>> ScopeIndexAsync(IEnumerable<RoleAssignment> roles, OrgDirectory orgs, CancellationToken cancellationToken)
    {
        var index = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            index.Add(role.OrgId);
            if (await orgs.FindAsync(role.OrgId, cancellationToken) is { } org)
            {
                index.UnionWith(org.Path);
            }
        }

        return [.. index];
    }

    public static async Task<UserRolesView> ViewAsync(UserAccount user, OrgDirectory orgs, CancellationToken cancellationToken)
    {
        var roles = new List<RoleView>();
        foreach (var role in user.Roles)
        {
            roles.Add(new RoleView(role.Role, role.OrgId, (await orgs.FindAsync(role.OrgId, cancellationToken))?.Name ?? role.OrgId));
        }

        return new UserRolesView(user.Id, roles);
    }
}
