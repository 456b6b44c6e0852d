using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using Permission = GongTongDizao.Core.Authorization.Permission;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Who may broadcast where: youth-league staff to youth, federation staff to women, either to everyone, each within
/// the org subtree their role covers; staff who may broadcast on an org may see its broadcasts.
/// </summary>
public sealed class BroadcastScope(OrgDirectory orgs, Authorizer authorizer)
{
    public Task<OrgUnit?> FindOrgAsync(string orgId, CancellationToken cancellationToken) => orgs.FindAsync(orgId, cancellationToken);

    public async Task<bool> MaySendAsync(UserAccount user, BroadcastAudience audience, string orgId, CancellationToken cancellationToken) => audience switch
    {
        BroadcastAudience.Youth => await authorizer.CanAsync(user, Permission.BroadcastToYouth, orgId, cancellationToken),
        BroadcastAudience.Women => await authorizer.CanAsync(user, Permission.BroadcastToWomen, orgId, cancellationToken),
        _ => await MaySeeAsync(user, orgId, cancellationToken),
    };

    public async Task<bool> MaySeeAsync(UserAccount user, string orgId, CancellationToken cancellationToken) =>
        await authorizer.CanAsync(user, Permission.BroadcastToYouth, orgId, cancellationToken)
        || await authorizer.CanAsync(user, Permission.BroadcastToWomen, orgId, cancellationToken);
}
