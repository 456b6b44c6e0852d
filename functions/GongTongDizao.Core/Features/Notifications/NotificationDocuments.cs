using System.Text.Json.Serialization;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// What the notifications container (partition key /userId) holds; <c>kind</c> tells the documents apart. Ids are
/// deterministic where a retry must find the same document: <c>n~{eventId}</c> and <c>delivery~{eventId}</c> in the
/// recipient's partition, <c>quota~{templateKey}</c>, <c>preferences</c>.
/// </summary>
public static class NotificationKinds
{
    public const string Inbox = "inbox";
    public const string Delivery = "delivery";
    public const string Quota = "quota";
    public const string Preferences = "preferences";
    public const string Broadcast = "broadcast";
    public const string BroadcastDay = "broadcast_day";

    public static string InboxId(string eventId) => "n~" + eventId;

    public static string DeliveryId(string eventId) => "delivery~" + eventId;

    public static string QuotaId(string templateKey) => "quota~" + templateKey;

    public const string PreferencesId = "preferences";

    /// <summary>A broadcast lives in its own partition, so reading it and counting its deliveries never touches a person's partition.</summary>
    public static string BroadcastPartition(string broadcastId) => "broadcast~" + broadcastId;

    public static string OrgPartition(string orgId) => "org~" + orgId;
}

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
}

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("sent")]
    Sent,

    [JsonStringEnumMemberName("skipped")]
    Skipped,

    [JsonStringEnumMemberName("failed")]
    Failed,
}

/// <summary>
/// The WeChat delivery of one notification to one person, created (pending) before anything is sent. Only the
/// handler that moves it out of pending (ETag) reports the outcome, so a duplicate queue message never sends twice.
/// </summary>
public sealed record DeliveryRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.Delivery;

    public required string EventId { get; init; }

    public required string TemplateKey { get; init; }

    public DeliveryStatus Status { get; init; }

    /// <summary>Why it was skipped or failed, or the last error of a retried send (e.g. <c>no_quota</c>, <c>invalid_data:thing1</c>).</summary>
    public string? Reason { get; init; }

    public int Attempts { get; init; }

    /// <summary>A quota unit has been taken for this delivery (taken once, however often the send is retried).</summary>
    public bool QuotaTaken { get; init; }

    /// <summary>While set and in the future, one handler is sending; a duplicate message leaves it alone.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    public DateTimeOffset? DeferredUntil { get; init; }

    public string? MsgId { get; init; }

    public int? ErrCode { get; init; }

    /// <summary>WeChat's own report of the send (subscribe_msg_sent_event): true delivered, false not.</summary>
    public bool? Confirmed { get; init; }

    public string? BroadcastId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public int? Ttl { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

/// <summary>
/// A person's subscribe quota for one template. Both the client's report and WeChat's popup push announce the same
/// "accept", so each source is counted and a unit is added only when one source gets ahead of the other.
/// </summary>
public sealed record QuotaDocument
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.Quota;

    public required string TemplateKey { get; init; }

    /// <summary>One-time sends left.</summary>
    public int Remaining { get; init; }

    public int ClientAccepts { get; init; }

    public int PushAccepts { get; init; }

    /// <summary>A long-term subscription is on (only for templates configured as long-term).</summary>
    public bool LongTerm { get; init; }

    /// <summary>The last decision: accept, reject, ban or filter.</summary>
    public string? Decision { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}

/// <summary>Which kinds of broadcast a person wants (opt-in; nothing without this document).</summary>
public sealed record PreferencesDocument
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = NotificationKinds.PreferencesId;

    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.Preferences;

    public bool Youth { get; init; }

    public bool Women { get; init; }

    public bool All { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

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
public sealed record BroadcastDocument : IHasOutbox
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

/// <summary>One message on the <c>deliveries</c> queue: one recipient of one event.</summary>
public sealed record DeliveryMessage
{
    public required string EventId { get; init; }

    public required string UserId { get; init; }

    public required string TemplateKey { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public string? Page { get; init; }

    public required NotificationContent Content { get; init; }

    public string? BroadcastId { get; init; }
}
