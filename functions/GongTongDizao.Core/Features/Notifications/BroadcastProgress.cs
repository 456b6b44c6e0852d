using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// How far the fan-out of one broadcast has got, in the broadcast's partition but apart from the broadcast itself
/// (whose delivery counters change with every delivery). Pages are handled side by side, so each adds its tallies
/// with an increment, in one transactional batch with its <see cref="BroadcastPageRecord"/>: a page repeated after a
/// crash or a duplicate message finds its record and adds nothing twice. The last page (the one without a successor)
/// sets <see cref="TotalPages"/>; the broadcast is done once that many pages are counted.
/// </summary>
public sealed record BroadcastProgress
{
    public const string DocumentId = "progress";

    [JsonPropertyName("id")]
    public string Id { get; init; } = DocumentId;

    /// <summary>The partition: <see cref="NotificationKinds.BroadcastPartition"/>.</summary>
    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.BroadcastProgress;

    public required string BroadcastId { get; init; }

    /// <summary>Pages of the audience handled so far (in any order).</summary>
    public int Pages { get; init; }

    /// <summary>Recipients told so far (inbox item written, delivery queued or recorded).</summary>
    public int Reached { get; init; }

    /// <summary>Recipients without any WeChat quota, recorded skipped by the fan-out itself (no delivery message).</summary>
    public int Skipped { get; init; }

    /// <summary>How many pages the audience has; 0 until the last page is handled.</summary>
    public int TotalPages { get; init; }

    /// <summary>Every page is handled: <see cref="Reached"/> is every recipient.</summary>
    public bool Done { get; init; }

    /// <summary>Whether the last page is known and every page counted (whether or not <see cref="Done"/> is set yet).</summary>
    [JsonIgnore]
    public bool IsComplete => TotalPages > 0 && Pages >= TotalPages;
}

/// <summary>That page <see cref="Page"/> of a broadcast is counted in its progress; created with the count, in one batch.</summary>
public sealed record BroadcastPageRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The partition: <see cref="NotificationKinds.BroadcastPartition"/>.</summary>
    public required string UserId { get; init; }

    public string Kind { get; init; } = NotificationKinds.BroadcastPage;

    public required string BroadcastId { get; init; }

    public required int Page { get; init; }

    public static string IdFor(int page) => $"page~{page}";
}
