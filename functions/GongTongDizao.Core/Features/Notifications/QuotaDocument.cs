using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Notifications;

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
