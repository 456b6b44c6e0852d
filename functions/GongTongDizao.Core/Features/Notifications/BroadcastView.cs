namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// A broadcast and how its delivery is going. <c>recipients</c> is absent until the fan-out has reached everyone;
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
    string Status)
{
    public static BroadcastView From(BroadcastDocument b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var done = b.Recipients is { } r && b.Sent + b.Skipped + b.Failed >= r;
        return new BroadcastView(b.Id, b.OrgId, b.OrgName, b.Audience, b.Title, b.Body, b.Page, b.CreatedAt, b.Recipients, b.Sent, b.Skipped, b.Failed, done ? "done" : "sending");
    }
}
