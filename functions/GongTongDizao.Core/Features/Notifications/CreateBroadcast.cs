using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Orgs;

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
/// A notice to residents of an org subtree who opted in to that audience, by staff the <see cref="BroadcastGate"/>
/// lets through, within the <see cref="BroadcastLimits"/>. The broadcast and its broadcast.created event are one
/// write (outbox), published by the aggregate pipeline.
/// </summary>
public sealed class CreateBroadcast(
    BroadcastGate gate,
    BroadcastLimits limits,
    BroadcastStore broadcasts,
    AuditLog audit,
    AggregatePipeline<BroadcastDocument> pipeline,
    TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, CreateBroadcastRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var checkedOrg = await gate.CheckSendAsync(caller.User, request, cancellationToken);
        if (!checkedOrg.IsSuccess)
        {
            return checkedOrg.Error;
        }

        var org = checkedOrg.Value;
        var now = time.GetUtcNow();
        if (!await limits.TryCountAsync(org.Id, now, cancellationToken))
        {
            return Error.From(ErrorCodes.RateLimited, $"每个组织每天最多发送 {limits.Limit} 条通知") with { RetryAfter = BroadcastLimits.RetryAfter(now) };
        }

        var created = await broadcasts.CreateAsync(NewBroadcast(caller, request, org, now, limits.PageSize), cancellationToken);
        await audit.AppendAsync("broadcast", created.Id, "broadcast.created", caller.Id, to: request.Audience.ToString().ToLowerInvariant(), reason: org.Id, cancellationToken: cancellationToken);
        await pipeline.AfterSaveAsync(created, deadlines: null, cancellationToken);
        return new Created(BroadcastView.From(created), $"staff/broadcasts/{Uri.EscapeDataString(created.Id)}");
    }

    private static BroadcastDocument NewBroadcast(Caller caller, CreateBroadcastRequest request, OrgUnit org, DateTimeOffset now, int pageSize)
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
            Outbox = [FanOutCursor.First(pageSize).AttachTo(domainEvent)],
        };
    }
}
