using System.Globalization;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// The events orders emit. Office events go to youth-league staff covering the community; team events to the leaders
/// of the team (dispatched) or of every team serving the community (pooled); the rest to the requester. None carries
/// the resident's contact details.
/// </summary>
public static class OrderEvents
{
    public const string EntityType = "order";

    public static DomainEvent Submitted(Order order, string actorId, DateTimeOffset at) => Create(EventTypes.OrderSubmitted, order, actorId, at);

    public static DomainEvent Approved(Order order, string actorId, DateTimeOffset at) => Create(EventTypes.OrderApproved, order, actorId, at);

    public static DomainEvent Rejected(Order order, string reason, string actorId, DateTimeOffset at) =>
        Create(EventTypes.OrderRejected, order, actorId, at, new JsonObject { ["reason"] = LetterEvents.Shorten(reason, 20) });

    public static DomainEvent Dispatched(Order order, string actorId, DateTimeOffset at) =>
        Create(EventTypes.OrderDispatched, order, actorId, at, new JsonObject { ["teamId"] = order?.Team?.TeamId, ["teamName"] = order?.Team?.Name });

    public static DomainEvent Pooled(Order order, string actorId, DateTimeOffset at) => Create(EventTypes.OrderPooled, order, actorId, at);

    public static DomainEvent Taken(Order order, string actorId, DateTimeOffset at) =>
        Create(EventTypes.OrderTaken, order, actorId, at, new JsonObject { ["teamName"] = order?.Team?.Name });

    public static DomainEvent Delivered(Order order, string actorId, DateTimeOffset at) =>
        Create(EventTypes.OrderDelivered, order, actorId, at, new JsonObject { ["teamName"] = order?.Team?.Name });

    public static DomainEvent TakeOverdue(Order order, DateTimeOffset at) => Create(EventTypes.OrderTakeOverdue, order, AuditLog.SystemActor, at);

    public static DomainEvent RatedLow(Order order, int stars, string actorId, DateTimeOffset at) =>
        Create(EventTypes.OrderRatedLow, order, actorId, at, new JsonObject { ["stars"] = stars.ToString(CultureInfo.InvariantCulture) });

    private static DomainEvent Create(string type, Order? order, string actorId, DateTimeOffset at, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(order);
        var data = new JsonObject
        {
            ["orderId"] = order.Id,
            ["title"] = LetterEvents.Shorten(order.Title, 20),
            ["categoryLabel"] = order.CategoryName(),
            ["requesterId"] = order.RequesterId,
            ["communityId"] = order.CommunityId,
            ["status"] = OrderLifecycle.StatusLabel(order.Status),
            ["submittedAt"] = order.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in extra ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return DomainEvent.Create(type, EntityType, order.Id, order.CommunityId, actorId, at, data);
    }
}
