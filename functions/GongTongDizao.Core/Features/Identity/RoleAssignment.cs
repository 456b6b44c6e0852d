namespace GongTongDizao.Core.Features.Identity;

public sealed record RoleAssignment(Role Role, string OrgId, DateTimeOffset GrantedAt);
