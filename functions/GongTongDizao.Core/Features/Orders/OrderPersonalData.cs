using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>An order as its requester gets it in the personal-data export (with the contact details they gave).</summary>
public sealed record OrderExport(
    string Id,
    string CommunityId,
    string Category,
    string Title,
    string Details,
    OrderPlace Place,
    OrderContactView Contact,
    string? OnBehalfOf,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    OrderRating? Rating,
    IReadOnlyList<OrderStep> Timeline);

/// <summary>An order the person served, as a named volunteer or by reporting the delivery.</summary>
public sealed record OrderServiceExport(string Id, string Title, string? TeamName, DateTimeOffset? DeliveredAt);

/// <summary>
/// The orders a person placed or served. Deletion keeps each order for the league's record but replaces the person
/// with the pseudonym everywhere, and drops what only reached them: the contact details they gave and, on orders
/// they served, their display name.
/// </summary>
public sealed class OrderPersonalData(OrderStore store, OrderContactSeal contacts) : IPersonalDataSource
{
    public string Kind => "orders";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var o in store.ByRequesterAsync(userId, cancellationToken))
        {
            yield return new OrderExport(o.Id, o.CommunityId, o.Category, o.Title, o.Details, o.Place, contacts.Reveal(o.Contact), o.OnBehalfOf, o.Status, o.CreatedAt, o.Rating, o.Timeline);
        }

        await foreach (var o in store.ByVolunteerAsync(userId, cancellationToken))
        {
            yield return new OrderServiceExport(o.Id, o.Title, o.Team?.Name, o.Delivery?.At);
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var o in store.ByRequesterAsync(userId, cancellationToken))
        {
            ids.Add(o.Id);
        }

        await foreach (var o in store.ByVolunteerAsync(userId, cancellationToken))
        {
            ids.Add(o.Id);
        }

        foreach (var id in ids)
        {
            // Re-read and save with the ETag: a team may be acting on the order at this very moment.
            for (var attempt = 0; attempt < 10; attempt++)
            {
                if (await store.FindAsync(id, cancellationToken) is not { } order || await store.TryReplaceAsync(Forget(order, userId, pseudonym), cancellationToken) is not null)
                {
                    break;
                }
            }
        }
    }

    public static Order Forget(Order order, string userId, string pseudonym)
    {
        ArgumentNullException.ThrowIfNull(order);
        var requester = order.RequesterId == userId;
        return order with
        {
            RequesterId = requester ? pseudonym : order.RequesterId,
            Contact = requester ? new OrderContact("已注销", "-") : order.Contact,
            Volunteers = [.. order.Volunteers.Select(v => v.UserId == userId ? new OrderVolunteer(pseudonym, "志愿者") : v)],
            Delivery = order.Delivery is { } d && d.ByUserId == userId ? d with { ByUserId = pseudonym } : order.Delivery,
        };
    }
}
