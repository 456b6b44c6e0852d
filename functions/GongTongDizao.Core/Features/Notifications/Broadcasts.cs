using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FluentValidation;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.WeChat;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Permission = GongTongDizao.Core.Authorization.Permission;

namespace GongTongDizao.Core.Features.Notifications;

public sealed record CreateBroadcastRequest(string OrgId, [property: JsonRequired] BroadcastAudience Audience, string Title, string Body, string? Page);

/// <summary>
/// A broadcast and how its delivery is going. <c>recipients</c> is absent until the fan-out has reached everyone;
/// <c>status</c> is <c>sending</c> until sent + skipped + failed = recipients, then <c>done</c>.
/// </summary>
public sealed record BroadcastView(
    string Id,
    string OrgId,
    string OrgName,
    BroadcastAudience Audience,
    string Title,
    string Body,
    string? Page,
    DateTimeOffset CreatedAt,
    int? Recipients,
    int Sent,
    int Skipped,
    int Failed,
    string Status)
{
    public static BroadcastView From(BroadcastDocument b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var done = b.Recipients is { } r && b.Sent + b.Skipped + b.Failed >= r;
        return new BroadcastView(b.Id, b.OrgId, b.OrgName, b.Audience, b.Title, b.Body, b.Page, b.CreatedAt, b.Recipients, b.Sent, b.Skipped, b.Failed, done ? "done" : "sending");
    }
}

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
/// A notice to residents of an org subtree who opted in to that audience: youth-league staff send to youth,
/// federation staff to women, either to everyone, each within their scope, at most
/// <see cref="NotificationsOptions.BroadcastDailyLimitPerOrg"/> per org per Beijing day. The text is checked first;
/// held text is not sent (there is no moderation queue for notices). The broadcast and its broadcast.created
/// event are one write (outbox).
/// </summary>
public sealed class CreateBroadcast(
    CosmosClient cosmos,
    OrgDirectory orgs,
    Authorizer authorizer,
    ContentGuard guard,
    OutboxPublisher publisher,
    AuditLog audit,
    IOptions<NotificationsOptions> options,
    TimeProvider time)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public async Task<Result<Created>> HandleAsync(Caller caller, CreateBroadcastRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
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

        var allowed = request.Audience switch
        {
            BroadcastAudience.Youth => await authorizer.CanAsync(caller.User, Permission.BroadcastToYouth, org.Id, cancellationToken),
            BroadcastAudience.Women => await authorizer.CanAsync(caller.User, Permission.BroadcastToWomen, org.Id, cancellationToken),
            _ => await authorizer.CanAsync(caller.User, Permission.BroadcastToYouth, org.Id, cancellationToken)
                 || await authorizer.CanAsync(caller.User, Permission.BroadcastToWomen, org.Id, cancellationToken),
        };
        if (!allowed)
        {
            return Error.Forbidden();
        }

        var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Forum, request.Title, request.Body, cancellationToken);
        if (verdict != ContentVerdict.Publish)
        {
            return Error.From(ErrorCodes.ContentRejected, verdict == ContentVerdict.Reject ? null : "内容需人工审核或暂时无法检测，未发送，请修改后重试");
        }

        var now = time.GetUtcNow();
        if (!await TryCountTodayAsync(org.Id, now, cancellationToken))
        {
            return Error.From(ErrorCodes.RateLimited, $"每个组织每天最多发送 {options.Value.BroadcastDailyLimitPerOrg} 条通知") with { RetryAfter = DeliverNotification.NextBeijingMidnight(now) - now };
        }

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
        var broadcast = new BroadcastDocument
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
        var partition = new PartitionKey(broadcast.UserId);
        var created = await _container.CreateItemAsync(broadcast, partition, cancellationToken: cancellationToken);
        await audit.AppendAsync("broadcast", id, "broadcast.created", caller.Id, to: request.Audience.ToString().ToLowerInvariant(), reason: org.Id, cancellationToken: cancellationToken);
        await publisher.TryPublishAsync(StoreNames.Containers.Notifications, created.Resource, partition, created.ETag, cancellationToken);
        return new Created(BroadcastView.From(created.Resource), $"staff/broadcasts/{Uri.EscapeDataString(id)}");
    }

    /// <summary>Counts one more broadcast of the org today, unless the limit is reached (ETag, so concurrent requests cannot overshoot).</summary>
    private async Task<bool> TryCountTodayAsync(string orgId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = ChinaTime.DayKey(now);
        var id = "broadcast-day~" + day;
        var partition = new PartitionKey(NotificationKinds.OrgPartition(orgId));
        for (var attempt = 0; attempt < 10; attempt++)
        {
            BroadcastDayCounter? counter;
            try
            {
                counter = (await _container.ReadItemAsync<BroadcastDayCounter>(id, partition, cancellationToken: cancellationToken)).Resource;
            }
            catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                counter = null;
            }

            if (counter is { } c && c.Count >= options.Value.BroadcastDailyLimitPerOrg)
            {
                return false;
            }

            try
            {
                if (counter is null)
                {
                    await _container.CreateItemAsync(new BroadcastDayCounter { Id = id, UserId = NotificationKinds.OrgPartition(orgId), Count = 1, Ttl = (int)TimeSpan.FromDays(3).TotalSeconds }, partition, cancellationToken: cancellationToken);
                }
                else
                {
                    await _container.ReplaceItemAsync(counter with { Count = counter.Count + 1, ETag = null }, id, partition, new ItemRequestOptions { IfMatchEtag = counter.ETag }, cancellationToken);
                }

                return true;
            }
            catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed)
            {
                // Another broadcast of the same org was counted meanwhile: read again.
            }
        }

        return false;
    }
}

/// <summary>A broadcast with its counts, for staff who may broadcast on its org.</summary>
public sealed class GetBroadcast(CosmosClient cosmos, Authorizer authorizer)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public async Task<Result<BroadcastView>> HandleAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return Error.NotFound();
        }

        BroadcastDocument broadcast;
        try
        {
            broadcast = (await _container.ReadItemAsync<BroadcastDocument>(id, new PartitionKey(NotificationKinds.BroadcastPartition(id)), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return Error.NotFound();
        }

        var allowed = await authorizer.CanAsync(caller.User, Permission.BroadcastToYouth, broadcast.OrgId, cancellationToken)
                      || await authorizer.CanAsync(caller.User, Permission.BroadcastToWomen, broadcast.OrgId, cancellationToken);
        return allowed ? BroadcastView.From(broadcast) : Error.NotFound();
    }
}
