using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>A topic's published comments, newest first, paged with continuation tokens (single partition).</summary>
public sealed class ListComments(TopicStore store, TopicGate gate, TopicAttachments attachments, PageTokens tokens)
{
    private const string List = "topics/comments";

    public async Task<Result<CommentList>> HandleAsync(Caller caller, string topicId, string? continuation, CancellationToken cancellationToken)
    {
        var readable = await gate.ReadAsync(caller, topicId, cancellationToken);
        if (!readable.IsSuccess)
        {
            return readable.Error;
        }

        var topic = readable.Value.Topic;

        if (!tokens.TryOpen(continuation, List, topic.Id, out var position))
        {
            return PageTokens.Invalid();
        }

        var query = new QueryDefinition("SELECT * FROM c WHERE c.communityId = @c AND c.type = @type AND c.topicId = @t AND c.status = @published ORDER BY c.createdAt DESC")
            .WithParameter("@c", topic.CommunityId).WithParameter("@type", Comment.DocumentType).WithParameter("@t", topic.Id)
            .WithParameter("@published", "published");
        var page = await store.PageAsync<Comment>(query, topic.CommunityId, position, cancellationToken);
        var items = new List<CommentView>(page.Items.Count);
        foreach (var comment in page.Items)
        {
            items.Add(await CommentViews.FromAsync(comment, caller.Id, attachments, cancellationToken));
        }

        return new CommentList(items, tokens.Seal(List, topic.Id, page.Position));
    }
}
