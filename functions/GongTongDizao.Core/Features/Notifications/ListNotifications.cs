namespace GongTongDizao.Core.Features.Notifications;

public sealed record NotificationView(string Id, string EventType, string EntityType, string EntityId, string Title, string? Summary, string? Page, bool Read, DateTimeOffset CreatedAt);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int UnreadCount, string? Continuation);

/// <summary>The caller's inbox (one partition), newest first, 20 a page, with the number still unread.</summary>
public sealed class ListNotifications(InboxStore inbox, PageTokens tokens)
{
    public const int PageSize = 20;

    private const string List = "me/notifications";

    public async Task<Result<NotificationPage>> HandleAsync(Caller caller, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!tokens.TryOpen(continuation, List, caller.Id, out var position))
        {
            return PageTokens.Invalid();
        }

        var first = position is null;
        var (items, next) = await inbox.PageAsync(caller.Id, position, PageSize, cancellationToken);
        // A first page with no next page is the whole inbox: its unread items are the count, without a second query.
        var unread = first && next is null ? items.Count(i => !i.Read) : await inbox.UnreadCountAsync(caller.Id, cancellationToken);
        return new NotificationPage(
            [.. items.Select(i => new NotificationView(i.Id, i.EventType, i.EntityType, i.EntityId, i.Title, i.Summary, i.Page, i.Read, i.CreatedAt))],
            unread,
            tokens.Seal(List, caller.Id, next));
    }
}
