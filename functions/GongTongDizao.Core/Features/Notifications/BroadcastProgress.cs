using System.Text.Json.Serialization;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// How far the fan-out of one broadcast has got, in the broadcast's partition but apart from the broadcast itself
/// (whose delivery counters change with every delivery, so saving progress there would keep losing ETag races).
/// Saved once per page with the ETag read: the page number moves from n-1 to n exactly once, and with it the page's
/// tallies and the message for the next page (its outbox), so a retried page adds nothing twice and a crash
/// between the save and the send leaves the next page to the outbox sweeper.
/// </summary>
public sealed record BroadcastProgress : IHasOutbox
{
    public const string DocumentId = "progress";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    /// <summary>The partition: <see cref="NotificationKinds.BroadcastPartition"/>.</summary>
    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.BroadcastProgress;

    public required string BroadcastId { get; init; }

    /// <summary>Pages of the audience handled so far.</summary>
    public int Pages { get; init; }

    /// <summary>Recipients told so far (inbox item written, delivery queued or recorded).</summary>
    public int Reached { get; init; }

    /// <summary>Recipients without any WeChat quota, recorded skipped by the fan-out itself (no delivery message).</summary>
    public int Skipped { get; init; }

    /// <summary>The last page is handled: <see cref="Reached"/> is every recipient.</summary>
    public bool Done { get; init; }

    public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];

    [JsonPropertyName("_etag")]
    public string? ETag { get; init; }
}
