using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

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

/// <summary>民事民议: a comment with a stance (support / oppose / neutral), content-checked like topics.</summary>
public sealed class AddComment(TopicGate gate, ContentGuard guard, TopicAttachments attachments, CountedWrites counted, TimeProvider time)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, string topicId, AddCommentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.Comment, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;

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
        // The comment and the community's participations in one batch: a comment is never counted twice nor left uncounted.
        await counted.TryCreateAsync(topic, comment, now, new Counts([], [(StatCounters.Participations, 1)]), cancellationToken);
        return new Created(await CommentViews.FromAsync(comment, caller.Id, attachments, cancellationToken), $"topics/{Uri.EscapeDataString(topic.Id)}/comments");
    }
}
