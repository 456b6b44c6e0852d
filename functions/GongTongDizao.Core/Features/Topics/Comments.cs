using FluentValidation;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.WeChat;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>A comment, optionally with photos: upload ids from <c>POST /uploads</c> with purpose <c>comment</c>.</summary>
public sealed record AddCommentRequest(Stance Stance, string Content, IReadOnlyList<string>? Attachments = null);

public sealed class AddCommentValidator : AbstractValidator<AddCommentRequest>
{
    public AddCommentValidator()
    {
        RuleFor(r => r.Stance).IsInEnum();
        RuleFor(r => r.Content).NotEmpty().Text(2, 500, multiline: true);
        RuleFor(r => r.Attachments).Must(a => a is null || a.Count <= TopicAttachments.MaxPerItem).WithMessage($"最多 {TopicAttachments.MaxPerItem} 张图片");
        RuleForEach(r => r.Attachments).NotEmpty().MaximumLength(64);
    }
}

/// <summary>What readers see of a comment (a held one only by its author), with read URLs for its photos.</summary>
public sealed record CommentView(string Id, string TopicId, Stance Stance, string Content, string? AuthorName, bool IsMine, CommentStatus Status, DateTimeOffset CreatedAt, IReadOnlyList<AttachmentView> Attachments);

public sealed record CommentList(IReadOnlyList<CommentView> Items, string? Continuation);

/// <summary>民事民议: a comment with a stance (support / oppose / neutral), content-checked like topics.</summary>
public sealed class AddComment(TopicStore store, TopicAccess access, ContentGuard guard, TopicAttachments attachments, TopicStatsStore stats, TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, string topicId, AddCommentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var topic = await store.FindAsync(topicId, cancellationToken);
        if (topic is null)
        {
            return Error.NotFound();
        }

        var roles = await access.RolesAsync(caller, topic, cancellationToken);
        if (!TopicAccess.CanRead(topic, roles))
        {
            return Error.NotFound();
        }

        var allowed = TopicStateMachine.Decide(topic.Status, TopicAction.Comment, roles);
        if (!allowed.IsSuccess)
        {
            return allowed.Error;
        }

        var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Comment, null, request.Content, cancellationToken);
        if (verdict == ContentVerdict.Reject)
        {
            return Error.From(ErrorCodes.ContentRejected);
        }

        var id = Comment.NewId(topic.CommunityId);
        var committed = await attachments.CommitAsync(caller.Id, request.Attachments, Comment.DocumentType, id, topic.CommunityId, cancellationToken);
        if (!committed.IsSuccess)
        {
            return committed.Error;
        }

        var now = time.GetUtcNow();
        var comment = new Comment
        {
            Id = id,
            Attachments = committed.Value,
            CommunityId = topic.CommunityId,
            TopicId = topic.Id,
            AuthorId = caller.Id,
            AuthorName = caller.User.DisplayName,
            Stance = request.Stance,
            Content = request.Content.Trim(),
            Status = verdict == ContentVerdict.Publish ? CommentStatus.Published : CommentStatus.Held,
            HeldAt = verdict == ContentVerdict.Publish ? null : now,
            CreatedAt = now,
        };
        await store.TryCreateAsync(comment, comment.CommunityId, cancellationToken);
        await stats.IncrementAsync(topic.CommunityId, now, [(StatCounters.Participations, 1)], cancellationToken);
        return new Created(await CommentViews.FromAsync(comment, caller.Id, attachments, cancellationToken), $"topics/{Uri.EscapeDataString(topic.Id)}/comments");
    }
}

/// <summary>A topic's published comments, newest first, paged with continuation tokens (single partition).</summary>
public sealed class ListComments(TopicStore store, TopicAccess access, TopicAttachments attachments, PageTokens tokens)
{
    private const string List = "topics/comments";

    public async Task<Result<CommentList>> HandleAsync(Caller caller, string topicId, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var topic = await store.FindAsync(topicId, cancellationToken);
        if (topic is null || !TopicAccess.CanRead(topic, await access.RolesAsync(caller, topic, cancellationToken)))
        {
            return Error.NotFound();
        }

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

/// <summary>
/// A resident reports a comment, once each; the third report hides it until a moderator decides (through the
/// moderation queue). Concurrent reports retry on the comment's ETag so none is lost.
/// </summary>
public sealed class ReportComment(TopicStore store, TopicWriter writer, TopicAttachments attachments, TimeProvider time)
{
    private const int MaxAttempts = 10;

    public async Task<Result<CommentView>> HandleAsync(Caller caller, string commentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var comment = Topic.CommunityOf(commentId) is { } community ? await store.ReadAsync<Comment>(commentId, community, cancellationToken) : null;
            if (comment is null || comment.Status is CommentStatus.Held or CommentStatus.Removed)
            {
                return Error.NotFound();
            }

            if (caller.User.HomeCommunityId != comment.CommunityId)
            {
                return Error.Forbidden("只有本社区居民可以举报");
            }

            if (comment.AuthorId == caller.Id)
            {
                return Error.InvalidState("不能举报自己的评论");
            }

            var reported = comment.Report(caller.Id, time.GetUtcNow());
            if (ReferenceEquals(reported, comment))
            {
                return await CommentViews.FromAsync(comment, caller.Id, attachments, cancellationToken);
            }

            var saved = await store.ReplaceAsync(reported, cancellationToken);
            if (saved.IsSuccess)
            {
                if (saved.Value.Status != comment.Status)
                {
                    await writer.AuditCommentAsync(saved.Value, "comment.hidden_by_reports", caller.Id, $"{Comment.ReportsToHide} 人举报", cancellationToken);
                }

                return await CommentViews.FromAsync(saved.Value, caller.Id, attachments, cancellationToken);
            }
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }
}

internal static class CommentViews
{
    public static async Task<CommentView> FromAsync(Comment comment, string callerId, TopicAttachments attachments, CancellationToken cancellationToken) =>
        new(comment.Id, comment.TopicId, comment.Stance, comment.Content, comment.AuthorName, comment.AuthorId == callerId, comment.Status, comment.CreatedAt,
            await attachments.ViewAsync(comment.Attachments, cancellationToken));
}
