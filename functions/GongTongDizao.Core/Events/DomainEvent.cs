using System.Text.Json.Nodes;

namespace GongTongDizao.Core.Events;

/// <summary>
/// Something that happened to an item, as it travels through the outbox and the <c>events</c> queue. Consumers
/// are idempotent by <see cref="Id"/>; <see cref="Type"/> is one of <see cref="EventTypes"/>.
/// </summary>
public sealed record DomainEvent
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    /// <summary>The org node the item belongs to (a community for letters and topics): audiences are resolved from it.</summary>
    public required string OrgId { get; init; }

    public required string ActorId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Event-specific fields (title, status, author id…); what templates and audiences need, nothing private.</summary>
    public JsonObject Data { get; init; } = [];

    public static DomainEvent Create(string type, string entityType, string entityId, string orgId, string actorId, DateTimeOffset at, JsonObject? data = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Type = type,
        EntityType = entityType,
        EntityId = entityId,
        OrgId = orgId,
        ActorId = actorId,
        OccurredAt = at,
        Data = data ?? [],
    };
}
