using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// What both ways of placing an order share once the text has passed its check: the place and time window checked
/// against the tree and the clock, the photos committed, one write with <c>order.submitted</c> in the outbox, the audit.
/// </summary>
public sealed class OrderIntake(AggregatePipeline<Order> pipeline, OrderViews views, OrgDirectory orgs, IAttachments attachments, OrderContactSeal contacts, TimeProvider time)
{
    /// <summary>The community the place lies in, or a validation error (the place must be a community or below it).</summary>
    public async Task<Result<OrgUnit>> CommunityOfAsync(string placeOrgId, CancellationToken cancellationToken)
    {
        if (await orgs.FindAsync(placeOrgId, cancellationToken) is not { Level: >= OrgLevel.Community } place)
        {
            return Error.Validation("place.orgId", "请选择所在社区、小区或楼栋");
        }

        if (place.Level == OrgLevel.Community)
        {
            return place;
        }

        foreach (var ancestorId in place.Path)
        {
            if (await orgs.FindAsync(ancestorId, cancellationToken) is { Level: OrgLevel.Community } community)
            {
                return community;
            }
        }

        return Error.Validation("place.orgId", "请选择所在社区、小区或楼栋");
    }

    public Error? CheckWindow(IOrderForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var now = time.GetUtcNow();
        return form.WantedTo <= now ? Error.Validation("wantedTo", "期望服务时间已过，请重新选择")
            : form.WantedFrom > now.AddDays(30) ? Error.Validation("wantedFrom", "只能预约 30 天内的服务")
            : null;
    }

    public async Task<Result<Created>> CreateAsync(Caller caller, IOrderForm form, OrderCategory category, OrgUnit community, string? onBehalfOf, bool held, IReadOnlyList<string> uploads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(community);
        var now = time.GetUtcNow();
        var id = OrderStore.NewId(community.Id);
        IReadOnlyList<AttachmentRef> committed = [];
        if (uploads.Count > 0)
        {
            var commit = await attachments.CommitAsync(caller.Id, uploads, OrderEvents.EntityType, id, community.Id, cancellationToken);
            if (!commit.IsSuccess)
            {
                return commit.Error;
            }

            committed = commit.Value;
        }

        var order = new Order
        {
            Id = id,
            CommunityId = community.Id,
            OrgPath = [.. community.Path, community.Id],
            RequesterId = caller.Id,
            OnBehalfOf = onBehalfOf,
            Category = category.Code,
            CategoryLabel = category.Name,
            Title = form.Title.Trim(),
            Details = form.Details.Trim(),
            Place = new OrderPlace(form.Place.OrgId, form.Place.Address.Trim()),
            WantedFrom = form.WantedFrom!.Value,
            WantedTo = form.WantedTo!.Value,
            Contact = contacts.Seal(form.Contact.Name.Trim(), form.Contact.Phone.Trim()),
            Attachments = committed,
            ContentHeld = held,
            Status = OrderStatus.Submitted,
            CreatedAt = now,
            Timeline = [new OrderStep(OrderStatus.Submitted, null, OrderActor.Requester, now, held ? "内容待人工审核" : onBehalfOf is null ? null : "工作人员代点单")],
        };
        var audit = new AuditEntry(OrderEvents.EntityType, onBehalfOf is null ? "order.submitted" : "order.submitted_on_behalf", caller.Id, null, OrderCategories.Code(OrderStatus.Submitted));
        var saved = await pipeline.CreateAsync(new AggregateChange<Order>(order, audit) { Events = [OrderEvents.Submitted(order, caller.Id, now)] }, cancellationToken);
        var reader = new OrderReader(new HashSet<OrderActor> { OrderActor.Requester }, [], false);
        return new Created(await views.ViewAsync(saved, reader, cancellationToken), $"orders/{Uri.EscapeDataString(saved.Id)}");
    }
}
