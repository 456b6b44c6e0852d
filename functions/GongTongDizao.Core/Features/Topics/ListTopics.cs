using GongTongDizao.Core.Features.Orgs;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

public enum TopicSort
{
    Recent,
    Seconds,
}

/// <summary>A community's public topics, newest or most seconded first: one single-partition query, paged.</summary>
public sealed class ListTopics(TopicStore store, OrgDirectory orgs, PageTokens tokens)
{
    private const string List = "communities/topics";

    public async Task<Result<TopicList>> HandleAsync(string communityId, string? status, string? sort, string? continuation, CancellationToken cancellationToken)
    {
        if (await orgs.FindAsync(communityId, cancellationToken) is not { Level: OrgLevel.Community })
        {
            return Error.NotFound();
        }

        TopicStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.GetValues<TopicStatus>().Any(s => TopicWriter.StatusName(s) == status) || status is "held" or "hidden")
            {
                return Error.Validation("status", "不支持的状态");
            }

            filter = Enum.GetValues<TopicStatus>().First(s => TopicWriter.StatusName(s) == status);
        }

        var order = sort switch
        {
            null or "" or "recent" => TopicSort.Recent,
            "seconds" => TopicSort.Seconds,
            _ => (TopicSort?)null,
        };
        if (order is null)
        {
            return Error.Validation("sort", "排序只能是 recent 或 seconds");
        }

        var binding = $"{communityId}|{filter}|{order}";
        if (!tokens.TryOpen(continuation, List, binding, out var position))
        {
            return PageTokens.Invalid();
        }

        var where = filter is null ? "AND t.status != @held AND t.status != @hidden" : "AND t.status = @status";
        var orderBy = order == TopicSort.Seconds ? "t.secondCount DESC" : "t.createdAt DESC";
        var query = new QueryDefinition($"SELECT * FROM t WHERE t.communityId = @c AND t.type = @type {where} ORDER BY {orderBy}")
            .WithParameter("@c", communityId).WithParameter("@type", Topic.DocumentType);
        query = filter is { } f
            ? query.WithParameter("@status", TopicWriter.StatusName(f))
            : query.WithParameter("@held", TopicWriter.StatusName(TopicStatus.Held)).WithParameter("@hidden", TopicWriter.StatusName(TopicStatus.Hidden));

        var page = await store.PageAsync<Topic>(query, communityId, position, cancellationToken);
        return new TopicList([.. page.Items.Select(TopicViews.Summary)], tokens.Seal(List, binding, page.Position));
    }
}
