using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Identity;

public sealed class RevokeRole(UserStore users, OrgDirectory orgs, AuditLog audit)
{
    public async Task<Result<NoContent>> HandleAsync(string userId, string role, string orgId, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Role>(role, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return Error.Validation("role", "角色不存在");
        }

        var user = await users.FindAsync(userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound();
        }

        var roles = user.Roles.Where(r => !(r.Role == parsed && r.OrgId == orgId)).ToList();
        if (roles.Count == user.Roles.Count)
        {
            return new NoContent();
        }

        var saved = await users.ReplaceAsync(user with { Roles = roles, StaffScopeIndex = await StaffRoles.ScopeIndexAsync(roles, orgs, cancellationToken) }, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        await audit.AppendAsync("user", userId, "role.revoked", AuditLog.AdminActor, from: $"{parsed}@{orgId}", cancellationToken: cancellationToken);
        return new NoContent();
    }
}
