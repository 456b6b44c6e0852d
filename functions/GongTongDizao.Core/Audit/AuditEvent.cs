using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Audit;

/// <summary>One append-only entry of the audit trail (events container, partition key = entityId).</summary>
public sealed record AuditEvent
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string EntityId { get; init; }

    public required string EntityType { get; init; }

    public required string Action { get; init; }

    /// <summary>A user id, "admin" for function-key callers, "system" for timers; a pseudonym once the person is deleted.</summary>
    public required string ActorId { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Reason { get; init; }

    public required DateTimeOffset At { get; init; }
}
