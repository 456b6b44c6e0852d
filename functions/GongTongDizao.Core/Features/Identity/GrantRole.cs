using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Identity;

public sealed record GrantRoleRequest(Role Role, string OrgId);

public sealed class GrantRoleValidator : AbstractValidator<GrantRoleRequest>
{
    public GrantRoleValidator()
    {
        RuleFor(r => r.Role).IsInEnum();
        RuleFor(r => r.OrgId).NotEmpty().MaximumLength(32);
    }
}

/// <summary>An administrator grants a staff role bound to an org node (function key, from the Azure portal).</summary>
public sealed class GrantRole(UserStore users, OrgDirectory orgs, AuditLog audit, TimeProvider time)
{
    public async Task<Result<UserRolesView>> HandleAsync(string userId, GrantRoleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await orgs.FindAsync(request.OrgId, cancellationToken) is null)
        {
            return Error.Validation("orgId", "组织不存在");
        }

        var user = await users.FindAsync(userId, cancellationToken);
        if (user is null)
        {
            return Error.NotFound();
        }

        if (user.Roles.Any(r => r.Role == request.Role && r.OrgId == request.OrgId))
        {
            return await StaffRoles.ViewAsync(user, orgs, cancellationToken);
        }

        var roles = user.Roles.Append(new RoleAssignment(request.Role, request.OrgId, time.GetUtcNow())).ToList();
        var saved = await users.ReplaceAsync(user with { Roles = roles, StaffScopeIndex = await StaffRoles.ScopeIndexAsync(roles, orgs, cancellationToken) }, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        await audit.AppendAsync("user", userId, "role.granted", AuditLog.AdminActor, to: $"{request.Role}@{request.OrgId}", cancellationToken: cancellationToken);
        return await StaffRoles.ViewAsync(saved.Value, orgs, cancellationToken);
    }
}
