namespace GongTongDizao.Core.Moderation;

/// <summary>An item waiting for a moderator (held text, a flagged image, a reported comment).</summary>
public sealed record ModerationItem(string ItemId, string ItemType, string OrgId, string Reason, string? Preview, DateTimeOffset HeldAt);

/// <summary>
/// Each feature with held content implements this; the moderation queue (Attachments feature) lists and decides
/// through it, so moderators have one queue. Item ids are unique per <see cref="ItemType"/>.
/// </summary>
public interface IModerationSource
{
    string ItemType { get; }

    /// <summary>Held items of the given org subtrees (a moderator's scope roots).</summary>
    IAsyncEnumerable<ModerationItem> HeldAsync(IReadOnlyList<string> scopeRootOrgIds, CancellationToken cancellationToken);

    /// <summary>Approve (publish) or reject (hide with the reason). Checks the moderator's scope itself; audits the decision.</summary>
    Task<Result<NoContent>> DecideAsync(Caller moderator, string itemId, bool approve, string? reason, CancellationToken cancellationToken);
}
