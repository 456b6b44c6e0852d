using System.Runtime.CompilerServices;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Moderation;
using Microsoft.Azure.Cosmos;
using Permission = GongTongDizao.Core.Authorization.Permission;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// Comments held by the text check or hidden by three reports wait here; approving publishes them again (and
/// clears the reports), rejecting removes them.
/// </summary>
public sealed class CommentModeration(TopicStore store, Authorizer authorizer, TopicWriter writer, OrgDirectory orgs) : IModerationSource
{
    public string ItemType => "comment";

    public async IAsyncEnumerable<ModerationItem> HeldAsync(IReadOnlyList<string> scopeRootOrgIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopeRootOrgIds);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND (c.status = @held OR c.status = @reported)")
            .WithParameter("@type", Comment.DocumentType).WithParameter("@held", "held").WithParameter("@reported", "reported");
        await foreach (var comment in store.QueryAsync<Comment>(query, null, cancellationToken))
        {
            if (await TopicModerationScope.CoversAsync(orgs, scopeRootOrgIds, comment.CommunityId, cancellationToken))
            {
                var reason = comment.Status == CommentStatus.Reported ? $"被 {comment.Reporters.Count} 位居民举报" : "内容安全检测待人工审核";
                yield return new ModerationItem(comment.Id, ItemType, comment.CommunityId, reason, HeldTopicModeration.Preview(comment.Content), comment.HeldAt ?? comment.CreatedAt);
            }
        }
    }

    public async Task<Result<NoContent>> DecideAsync(Caller moderator, string itemId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(moderator);
        var comment = Topic.CommunityOf(itemId) is { } community ? await store.ReadAsync<Comment>(itemId, community, cancellationToken) : null;
        if (comment is null)
        {
            return Error.NotFound();
        }

        if (!await authorizer.CanAsync(moderator.User, Permission.ModerateContent, comment.CommunityId, cancellationToken))
        {
            return HeldTopicModeration.OutOfScope(moderator);
        }

        if (comment.Status is not (CommentStatus.Held or CommentStatus.Reported))
        {
            return Error.InvalidState("该评论不在待审核状态");
        }

        var after = approve
            ? comment with { Status = CommentStatus.Published, Reporters = [], HeldAt = null, ModerationReason = reason }
            : comment with { Status = CommentStatus.Removed, ModerationReason = reason ?? "内容不符合社区规范" };
        var saved = await store.ReplaceAsync(after, cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        await writer.AuditCommentAsync(saved.Value, approve ? "comment.approved" : "comment.removed", moderator.Id, reason, cancellationToken);
        return new NoContent();
    }
}
