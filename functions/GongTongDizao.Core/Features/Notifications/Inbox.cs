using System.Net;
using FluentValidation;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Notifications;

public sealed record NotificationView(string Id, string EventType, string EntityType, string EntityId, string Title, string? Summary, string? Page, bool Read, DateTimeOffset CreatedAt);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int UnreadCount, string? Continuation);

public sealed record MarkNotificationsReadRequest(IReadOnlyList<string>? Ids, bool? All);

public sealed record MarkNotificationsReadResult(int Marked, int UnreadCount);

public sealed class MarkNotificationsReadValidator : AbstractValidator<MarkNotificationsReadRequest>
{
    public MarkNotificationsReadValidator()
    {
        RuleFor(r => r).Must(r => (r.All == true) != (r.Ids is { Count: > 0 })).OverridePropertyName("ids").WithMessage("请提供 ids 或 all: true 其中之一");
        RuleFor(r => r.Ids).Must(ids => ids is null || ids.Count <= 100).WithMessage("一次最多标记 100 条");
        RuleForEach(r => r.Ids).NotEmpty().MaximumLength(100);
    }
}

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

/// <summary>Marks some or all of the caller's notifications read; ids that are not the caller's are ignored.</summary>
public sealed class MarkNotificationsRead(InboxStore inbox, TimeProvider time)
{
    public async Task<Result<MarkNotificationsReadResult>> HandleAsync(Caller caller, MarkNotificationsReadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.All == true ? await inbox.UnreadIdsAsync(caller.Id, cancellationToken) : request.Ids!.Distinct(StringComparer.Ordinal).ToList();
        var marked = 0;
        foreach (var id in ids)
        {
            marked += await inbox.MarkReadAsync(caller.Id, id, time.GetUtcNow(), cancellationToken) ? 1 : 0;
        }

        return new MarkNotificationsReadResult(marked, await inbox.UnreadCountAsync(caller.Id, cancellationToken));
    }
}

/// <summary>Inbox reads and writes, all within the person's partition.</summary>
public sealed class InboxStore(CosmosClient cosmos)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public async Task<(IReadOnlyList<InboxItem> Items, string? Continuation)> PageAsync(string userId, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @u AND c.kind = @k ORDER BY c.createdAt DESC")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        using var feed = _container.GetItemQueryIterator<InboxItem>(query, continuation, new QueryRequestOptions { PartitionKey = new PartitionKey(userId), MaxItemCount = pageSize });
        if (!feed.HasMoreResults)
        {
            return ([], null);
        }

        FeedResponse<InboxItem> page;
        try
        {
            page = await feed.ReadNextAsync(cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && continuation is not null)
        {
            throw new StalePageTokenException("The store cannot resume the inbox query from this position.", ex);
        }

        return ([.. page], page.Count == 0 ? null : page.ContinuationToken);
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.userId = @u AND c.kind = @k AND c.read = false")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        using var feed = _container.GetItemQueryIterator<int>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        var count = 0;
        while (feed.HasMoreResults)
        {
            count += (await feed.ReadNextAsync(cancellationToken)).Sum();
        }

        return count;
    }

    public async Task<IReadOnlyList<string>> UnreadIdsAsync(string userId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.userId = @u AND c.kind = @k AND c.read = false")
            .WithParameter("@u", userId).WithParameter("@k", NotificationKinds.Inbox);
        using var feed = _container.GetItemQueryIterator<string>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        var ids = new List<string>();
        while (feed.HasMoreResults)
        {
            ids.AddRange(await feed.ReadNextAsync(cancellationToken));
        }

        return ids;
    }

    /// <summary>True when an unread inbox item of this person was marked; only inbox items are touched.</summary>
    public async Task<bool> MarkReadAsync(string userId, string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!id.StartsWith("n~", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var item = await _container.ReadItemAsync<InboxItem>(id, new PartitionKey(userId), cancellationToken: cancellationToken);
            if (item.Resource.Read)
            {
                return false;
            }

            await _container.PatchItemAsync<InboxItem>(
                id,
                new PartitionKey(userId),
                [PatchOperation.Set("/read", true), PatchOperation.Set("/readAt", at)],
                new PatchItemRequestOptions { IfMatchEtag = item.ETag, EnableContentResponseOnWrite = false },
                cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }
}
