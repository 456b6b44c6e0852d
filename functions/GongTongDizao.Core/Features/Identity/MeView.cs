using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>What a person sees of their own account: never the openid, session key or the phone number in full.</summary>
public sealed record MeView(
    string Id,
    string? DisplayName,
    OrgRef? HomeCommunity,
    OrgRef? Building,
    string? Phone,
    IReadOnlyList<RoleView> Roles,
    PrivacyConsent? PrivacyConsent,
    DateTimeOffset CreatedAt);

public sealed record OrgRef(string Id, string Name);

public sealed record RoleView(Role Role, string OrgId, string OrgName);

public sealed class MeViews(OrgDirectory orgs)
{
    public async Task<MeView> CreateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var roles = new List<RoleView>();
        foreach (var role in user.Roles)
        {
            roles.Add(new RoleView(role.Role, role.OrgId, (await orgs.FindAsync(role.OrgId, cancellationToken))?.Name ?? role.OrgId));
        }

        return new MeView(
            user.Id,
            user.DisplayName,
            await RefAsync(user.HomeCommunityId, cancellationToken),
            await RefAsync(user.BuildingId, cancellationToken),
            user.PhoneMasked,
            roles,
            user.PrivacyConsent,
            user.CreatedAt);
    }

    private async Task<OrgRef?> RefAsync(string? id, CancellationToken cancellationToken) =>
        id is null ? null : new OrgRef(id, (await orgs.FindAsync(id, cancellationToken))?.Name ?? id);
}
