using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// An order as its reader may see it. <see cref="Contact"/> is for the requester and, only while it serves the order,
/// the taking team; <see cref="OnBehalfOf"/> and <see cref="ContentHeld"/> are for the requester and the office.
/// </summary>
public sealed record OrderView(
    string Id,
    string Category,
    string CategoryLabel,
    string Title,
    string Details,
    OrderStatus Status,
    string StatusLabel,
    OrgRef Community,
    OrderPlace Place,
    DateTimeOffset WantedFrom,
    DateTimeOffset WantedTo,
    OrderContactView? Contact,
    string? OnBehalfOf,
    bool? ContentHeld,
    OrderTeamRef? Team,
    IReadOnlyList<OrderVolunteer> Volunteers,
    DateTimeOffset? TakeBy,
    OrderDeliveryView? Delivery,
    OrderRating? Rating,
    OrderClosure? Closure,
    string? OfficeNote,
    DateTimeOffset CreatedAt,
    IReadOnlyList<OrderStep> Timeline,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<string> AllowedActions);

public sealed record OrderDeliveryView(string Note, DateTimeOffset At, IReadOnlyList<AttachmentView> Attachments);

/// <summary>One row of a listing: no details, contact or timeline.</summary>
public sealed record OrderSummary(
    string Id,
    string Category,
    string CategoryLabel,
    string Title,
    OrderStatus Status,
    string StatusLabel,
    OrgRef Community,
    DateTimeOffset WantedFrom,
    DateTimeOffset WantedTo,
    OrderTeamRef? Team,
    DateTimeOffset? TakeBy,
    DateTimeOffset CreatedAt);

public sealed record OrderPage(IReadOnlyList<OrderSummary> Items, string? Continuation);

/// <summary>Builds the views from an order and who the reader is towards it.</summary>
public sealed class OrderViews(OrgDirectory orgs, IAttachments attachments, OrderContactSeal contacts)
{
    public async Task<OrderView> ViewAsync(Order order, OrderReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(reader);
        var requester = reader.Actors.Contains(OrderActor.Requester);
        var office = reader.Actors.Contains(OrderActor.Office);
        var photos = order.Attachments.Count == 0 ? [] : await attachments.ViewAsync(order.Attachments, cancellationToken);
        OrderDeliveryView? delivery = null;
        if (order.Delivery is { } d)
        {
            delivery = new OrderDeliveryView(d.Note, d.At, d.Attachments.Count == 0 ? [] : await attachments.ViewAsync(d.Attachments, cancellationToken));
        }

        return new OrderView(
            order.Id,
            order.Category,
            order.CategoryName(),
            order.Title,
            order.Details,
            order.Status,
            OrderLifecycle.StatusLabel(order.Status),
            await RefAsync(order.CommunityId, cancellationToken),
            order.Place,
            order.WantedFrom,
            order.WantedTo,
            requester || reader.SeesContact ? contacts.Reveal(order.Contact) : null,
            requester || office ? order.OnBehalfOf : null,
            requester || office ? order.ContentHeld : null,
            order.Team,
            order.Volunteers,
            order.TakeBy,
            delivery,
            order.Rating is { CommentHeld: true } held && !(requester || office) ? held with { Comment = null } : order.Rating,
            order.Closure,
            order.OfficeNote,
            order.CreatedAt,
            order.Timeline,
            photos,
            [.. OrderLifecycle.Allowed(order.Status, reader.Actors).Select(OrderCategories.Code)]);
    }

    public async Task<OrderSummary> SummaryAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderSummary(
            order.Id,
            order.Category,
            order.CategoryName(),
            order.Title,
            order.Status,
            OrderLifecycle.StatusLabel(order.Status),
            await RefAsync(order.CommunityId, cancellationToken),
            order.WantedFrom,
            order.WantedTo,
            order.Team,
            order.TakeBy,
            order.CreatedAt);
    }

    public async Task<OrderPage> PageAsync(StorePage<Order> page, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var items = new List<OrderSummary>(page.Items.Count);
        foreach (var order in page.Items)
        {
            items.Add(await SummaryAsync(order, cancellationToken));
        }

        return new OrderPage(items, continuation);
    }

    private async Task<OrgRef> RefAsync(string id, CancellationToken cancellationToken) =>
        await orgs.FindAsync(id, cancellationToken) is { } org ? new OrgRef(org.Id, org.Name) : new OrgRef(id, id);
}
