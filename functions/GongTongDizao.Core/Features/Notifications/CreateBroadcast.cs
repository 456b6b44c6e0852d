using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Notifications;

public sealed record CreateBroadcastRequest(string OrgId, [property: JsonRequired] BroadcastAudience Audience, string Title, string Body, string? Page);

public sealed class CreateBroadcastValidator : AbstractValidator<CreateBroadcastRequest>
{
    public CreateBroadcastValidator()
    {
        RuleFor(r => r.OrgId).NotEmpty().MaximumLength(32);
        RuleFor(r => r.Audience).IsInEnum();
        RuleFor(r => r.Title).NotEmpty().Text(1, 40);
        RuleFor(r => r.Body).NotEmpty().Text(1, 1000, multiline: true);
        RuleFor(r => r.Page).MaximumLength(200).Matches("^pages/[A-Za-z0-9_/-]+(\\?[A-Za-z0-9_=&%.-]*)?$").WithMessage("须为小程序页面路径，如 pages/broadcasts/detail?id=1");
    }
}

/// <summary>
/// A notice to residents of an org subtree who opted in to that audience, by staff within their scope
/// (<see cref="BroadcastScope"/>), within the <see cref="BroadcastDailyLimit"/>. The text is checked first;
/// held text is not sent (there is no moderation queue for notices). The broadcast and its broadcast.created
/// event are one write (outbox).
/// </summary>
public sealed class CreateBroadcast(
    BroadcastScope scope,
    ContentGuard guard,
    BroadcastDailyLimit dailyLimit,
    BroadcastStore broadcasts,
    AuditLog audit,
    TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, CreateBroadcastRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var org = await scope.FindOrgAsync(request.OrgId, cancellationToken);
        if (org is null)
        {
            return Error.Validation("orgId", "组织不存在");
        }

        if (org.Level > OrgLevel.Community)
        {
            return Error.Validation("orgId", "请选择社区（村）或以上的组织");
        }

        if (!await scope.MaySendAsync(caller.User, request.Audience, org.Id, cancellationToken))
        {
            return Error.Forbidden();
        }

        var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Forum, request.Title, request.Body, cancellationToken);
        if (verdict != ContentVerdict.Publish)
        {
            return Error.From(ErrorCodes.ContentRejected, verdict == ContentVerdict.Reject ? null : "内容需人工审核或暂时无法检测，未发送，请修改后重试");
        }

        var now = time.GetUtcNow();
        if (!await dailyLimit.TryCountAsync(org.Id, now, cancellationToken))
        {
            return Error.From(ErrorCodes.RateLimited, $"每个组织每天最多发送 {dailyLimit.Limit} 条通知") with { RetryAfter = BroadcastDailyLimit.RetryAfter(now) };
        }

        var broadcast = NewBroadcast(caller, request, org, now);
        var audience = request.Audience.ToString().ToLowerInvariant();
        var created = await broadcasts.CreateAsync(broadcast, cancellationToken);
        await audit.AppendAsync("broadcast", broadcast.Id, "broadcast.created", caller.Id, to: audience, reason: org.Id, cancellationToken: cancellationToken);
        await broadcasts.TryPublishAsync(created, cancellationToken);
        return new Created(BroadcastView.From(created), $"staff/broadcasts/{Uri.EscapeDataString(broadcast.Id)}");
    }

    private static BroadcastDocument NewBroadcast(Caller caller, CreateBroadcastRequest request, OrgUnit org, DateTimeOffset now)
    {
        var id = Guid.NewGuid().ToString("N");
        var title = request.Title.Trim();
        var body = request.Body.Trim();
        var domainEvent = DomainEvent.Create(EventTypes.BroadcastCreated, "broadcast", id, org.Id, caller.Id, now, new JsonObject
        {
            ["broadcastId"] = id,
            ["title"] = title,
            ["body"] = body,
            ["audience"] = request.Audience.ToString().ToLowerInvariant(),
            ["orgName"] = org.Name,
            ["page"] = request.Page,
        });
        return new BroadcastDocument
        {
            Id = id,
            UserId = NotificationKinds.BroadcastPartition(id),
            OrgId = org.Id,
            OrgName = org.Name,
            Audience = request.Audience,
            Title = title,
            Body = body,
            Page = request.Page,
            CreatedBy = caller.Id,
            CreatedAt = now,
            Outbox = [domainEvent],
        };
    }
}
