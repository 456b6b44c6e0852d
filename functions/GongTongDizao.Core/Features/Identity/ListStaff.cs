using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Identity;

public sealed record StaffMember(string UserId, string? DisplayName, Role Role, string OrgId, string OrgName);

public sealed record StaffList(IReadOnlyList<StaffMember> Items);

/// <summary>Staff whose roles are bound to this node or below it.</summary>
public sealed class ListStaff(UserStore users, OrgDirectory orgs)
{
    public async Task<Result<StaffList>> HandleAsync(string orgId, CancellationToken cancellationToken)
    {
        if (await orgs.FindAsync(orgId, cancellationToken) is null)
        {
            return Error.NotFound();
        }

        var items = new List<StaffMember>();
        await foreach (var user in users.StaffWithinAsync(orgId, cancellationToken))
        {
            foreach (var role in user.Roles)
            {
                if (await orgs.CoversAsync(orgId, role.OrgId, cancellationToken))
                {
                    items.Add(new StaffMember(user.Id, user.DisplayName, role.Role, role.OrgId, (await orgs.FindAsync(role.OrgId, cancellationToken))?.Name ?? role.OrgId));
                }
            }
        }

        return new StaffList(items);
    }
}
