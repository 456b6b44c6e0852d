using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.WeChat;
using Permission = GongTongDizao.Core.Authorization.Permission;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// Who may broadcast what where: youth-league staff to youth, federation staff to women, either to everyone, each
/// within the org subtree their role covers, and only text the content check lets through (held text is not sent:
/// there is no moderation queue for notices). Staff who may broadcast on an org may see its broadcasts.
/// </summary>
public sealed class BroadcastGate(OrgDirectory orgs, Authorizer authorizer, ContentGuard guard)
{
    /// <summary>The org the notice goes to, or why this caller may not send it there.</summary>
    public async Task<Result<OrgUnit>> CheckSendAsync(UserAccount user, CreateBroadcastRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var org = await orgs.FindAsync(request.OrgId, cancellationToken);
        if (org is null)
        {
            return Error.Validation("orgId", "组织不存在");
        }

        if (org.Level > OrgLevel.Community)
        {
            return Error.Validation("orgId", "请选择社区（村）或以上的组织");
        }

        if (!await MaySendAsync(user, request.Audience, org.Id, cancellationToken))
        {
            return Error.Forbidden();
        }

        var verdict = await guard.CheckAsync(user.OpenId, ContentCheckScene.Forum, request.Title, request.Body, cancellationToken);
        if (verdict != ContentVerdict.Publish)
        {
            return Error.From(ErrorCodes.ContentRejected, verdict == ContentVerdict.Reject ? null : "内容需人工审核或暂时无法检测，未发送，请修改后重试");
        }

        return org;
    }

    public async Task<bool> MaySeeAsync(UserAccount user, string orgId, CancellationToken cancellationToken) =>
        await authorizer.CanAsync(user, Permission.BroadcastToYouth, orgId, cancellationToken)
        || await authorizer.CanAsync(user, Permission.BroadcastToWomen, orgId, cancellationToken);

    private async Task<bool> MaySendAsync(UserAccount user, BroadcastAudience audience, string orgId, CancellationToken cancellationToken) => audience switch
    {
        BroadcastAudience.Youth => await authorizer.CanAsync(user, Permission.BroadcastToYouth, orgId, cancellationToken),
        BroadcastAudience.Women => await authorizer.CanAsync(user, Permission.BroadcastToWomen, orgId, cancellationToken),
        _ => await MaySeeAsync(user, orgId, cancellationToken),
    };
}
