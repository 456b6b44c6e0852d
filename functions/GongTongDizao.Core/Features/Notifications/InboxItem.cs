using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>One notification in a person's in-app inbox.</summary>
public sealed record InboxItem
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.Inbox;

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public required string OrgId { get; init; }

    public required string Title { get; init; }

    public string? Summary { get; init; }

    public string? Page { get; init; }

    public bool Read { get; init; }

    public DateTimeOffset? ReadAt { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Seconds until Cosmos removes it.</summary>
    public int? Ttl { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
