using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Notifications;

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
