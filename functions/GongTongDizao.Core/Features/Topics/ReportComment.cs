using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Features.Topics;

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
        var first = await FindAsync(commentId, cancellationToken);
        return first is null
            ? Error.NotFound()
            : await OptimisticRetry.RunAsync<Comment, Result<CommentView>>(
                first,
                comment => TryReportAsync(caller, comment, cancellationToken),
                _ => FindAsync(commentId, cancellationToken),
                last => last is null ? Error.NotFound() : Error.From(ErrorCodes.ConcurrentChange),
                MaxAttempts);
    }

    private async Task<Comment?> FindAsync(string commentId, CancellationToken cancellationToken) =>
        Topic.CommunityOf(commentId) is { } community ? await store.ReadAsync<Comment>(commentId, community, cancellationToken) : null;

    private async Task<Attempt<Result<CommentView>>> TryReportAsync(Caller caller, Comment comment, CancellationToken cancellationToken)
    {
        if (comment.Status is CommentStatus.Held or CommentStatus.Removed)
        {
            return Attempt<Result<CommentView>>.Done(Error.NotFound());
        }

        if (caller.User.HomeCommunityId != comment.CommunityId)
        {
            return Attempt<Result<CommentView>>.Done(Error.Forbidden("只有本社区居民可以举报"));
        }

        if (comment.AuthorId == caller.Id)
        {
            return Attempt<Result<CommentView>>.Done(Error.InvalidState("不能举报自己的评论"));
        }

        var reported = comment.Report(caller.Id, time.GetUtcNow());
        if (ReferenceEquals(reported, comment))
        {
            return Attempt<Result<CommentView>>.Done(await CommentViews.FromAsync(comment, caller.Id, attachments, cancellationToken));
        }

        if (await store.TryReplaceAsync(reported, cancellationToken) is not { } saved)
        {
            return Attempt<Result<CommentView>>.LostRace();
        }

        if (saved.Status != comment.Status)
        {
            await writer.AuditCommentAsync(saved, "comment.hidden_by_reports", caller.Id, $"{Comment.ReportsToHide} 人举报", cancellationToken);
        }

        return Attempt<Result<CommentView>>.Done(await CommentViews.FromAsync(saved, caller.Id, attachments, cancellationToken));
    }
}
