using GongTongDizao.Core.Features.Attachments;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>What readers see of a comment (a held one only by its author), with read URLs for its photos.</summary>
public sealed record CommentView(string Id, string TopicId, Stance Stance, string Content, string? AuthorName, bool IsMine, CommentStatus Status, DateTimeOffset CreatedAt, IReadOnlyList<AttachmentView> Attachments);

public sealed record CommentList(IReadOnlyList<CommentView> Items, string? Continuation);

internal static class CommentViews
{
    public static async Task<CommentView> FromAsync(Comment comment, string callerId, TopicAttachments attachments, CancellationToken cancellationToken) =>
        new(comment.Id, comment.TopicId, comment.Stance, comment.Content, comment.AuthorName, comment.AuthorId == callerId, comment.Status, comment.CreatedAt,
            await attachments.ViewAsync(comment.Attachments, cancellationToken));
}
