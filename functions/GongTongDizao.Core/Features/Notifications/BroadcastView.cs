namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// A broadcast and how its delivery is going. <c>recipients</c> is absent until the fan-out has reached everyone;
/// meanwhile <c>pages</c> (of the audience read so far) and <c>reached</c> (recipients told so far) show its progress.
/// <c>status</c> is <c>sending</c> until sent + skipped + failed = recipients, then <c>done</c>.
/// </summary>
public sealed record BroadcastView(
    string Id,
    string OrgId,
    string OrgName,
    BroadcastAudience Audience,
    string Title,
    string Body,
    string? Page,
    DateTimeOffset CreatedAt,
    int? Recipients,
    int Sent,
    int Skipped,
    int Failed,
    string Status,
    int Pages,
    int Reached)
{
    /// <summary>The view of <paramref name="b"/> with its fan-out <paramref name="progress"/> (null before the first page).</summary>
    public static BroadcastView From(BroadcastDocument b, BroadcastProgress? progress = null)
    {
        ArgumentNullException.ThrowIfNull(b);

        // Skips the fan-out recorded itself (no quota, no delivery message) are counted with its pages.
        var skipped = b.Skipped + (progress?.Skipped ?? 0);
        var recipients = b.Recipients ?? (progress is { Done: true } p ? p.Reached : null);
        var done = recipients is { } r && b.Sent + skipped + b.Failed >= r;
        return new BroadcastView(b.Id, b.OrgId, b.OrgName, b.Audience, b.Title, b.Body, b.Page, b.CreatedAt, recipients, b.Sent, skipped, b.Failed, done ? "done" : "sending", progress?.Pages ?? 0, progress?.Reached ?? 0);
    }
}
