using System.Text.Json.Serialization;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Notifications;

[JsonConverter(typeof(JsonStringEnumConverter<BroadcastAudience>))]
public enum BroadcastAudience
{
    [JsonStringEnumMemberName("youth")]
    Youth,

    [JsonStringEnumMemberName("women")]
    Women,

    [JsonStringEnumMemberName("all")]
    All,
}

/// <summary>A staff notice to the residents of an org subtree, with delivery counters patched as deliveries finish.</summary>
public sealed record BroadcastDocument : IAggregate<BroadcastDocument>
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The partition: <see cref="NotificationKinds.BroadcastPartition"/>.</summary>
    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.Broadcast;

    public required string OrgId { get; init; }

    public required string OrgName { get; init; }

    public required BroadcastAudience Audience { get; init; }

    public required string Title { get; init; }

    public required string Body { get; init; }

    public string? Page { get; init; }

    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Set when the fan-out has reached everyone; until then the audience is still being counted.</summary>
    public int? Recipients { get; init; }

    public int Sent { get; init; }

    public int Skipped { get; init; }

    public int Failed { get; init; }

    public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }

    string IAggregate<BroadcastDocument>.PartitionKey => UserId;

    public BroadcastDocument WithOutbox(IReadOnlyList<DomainEvent> outbox) => this with { Outbox = outbox };
}

/// <summary>How many broadcasts an org node sent on one day (Beijing time), for the daily limit.</summary>
public sealed record BroadcastDayCounter
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.BroadcastDay;

    public int Count { get; init; }

    public int? Ttl { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
