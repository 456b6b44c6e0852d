using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Topics;

public sealed record CreateTopicRequest(string CommunityId, string Title, string Description, IReadOnlyList<string>? Attachments);

public sealed class CreateTopicValidator : AbstractValidator<CreateTopicRequest>
{
    public CreateTopicValidator()
    {
        RuleFor(r => r.CommunityId).NotEmpty().MaximumLength(32);
        RuleFor(r => r.Title).NotEmpty().Text(4, 40);
        RuleFor(r => r.Description).NotEmpty().Text(10, 2000, multiline: true);
        RuleFor(r => r.Attachments).Must(a => a is null || a.Count <= TopicAttachments.MaxPerItem).WithMessage($"最多 {TopicAttachments.MaxPerItem} 张图片");
        RuleForEach(r => r.Attachments).NotEmpty().MaximumLength(64);
    }
}

/// <summary>
/// 民事民提: a resident proposes a topic for their own community. Risky text is refused; text the check cannot pass
/// is held for a moderator; otherwise it is published and the seconding window opens.
/// </summary>
public sealed class CreateTopic(OrgDirectory orgs, ContentGuard guard, TopicAttachments attachments, TopicPublishing publishing, TopicWriter writer, TopicViews views)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, CreateTopicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (await orgs.FindAsync(request.CommunityId, cancellationToken) is not { Level: OrgLevel.Community })
        {
            return Error.Validation("communityId", "请选择社区（村）");
        }

        if (caller.User.HomeCommunityId != request.CommunityId)
        {
            return Error.Forbidden("只能在自己所在的社区提出议题");
        }

        var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Forum, request.Title, $"{request.Title}\n{request.Description}", cancellationToken);
        if (verdict == ContentVerdict.Reject)
        {
            return Error.From(ErrorCodes.ContentRejected);
        }

        var id = Topic.NewId(request.CommunityId);
        var committed = await attachments.CommitAsync(caller.Id, request.Attachments, Topic.DocumentType, id, request.CommunityId, cancellationToken);
        if (!committed.IsSuccess)
        {
            return committed.Error;
        }

        var now = writer.Now;
        var topic = new Topic
        {
            Id = id,
            CommunityId = request.CommunityId,
            Title = request.Title.Trim(),
            Description = request.Description.Trim(),
            AuthorId = caller.Id,
            AuthorName = caller.User.DisplayName,
            Status = TopicStatus.Held,
            Attachments = committed.Value,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (verdict == ContentVerdict.Publish)
        {
            topic = publishing.Open(topic);
        }

        var saved = await writer.CreateAsync(topic, "topic.proposed", caller.Id, verdict == ContentVerdict.Hold ? "内容待审核" : null, cancellationToken);
        if (saved.Status == TopicStatus.Proposed)
        {
            await publishing.AfterOpenedAsync(saved, cancellationToken);
        }

        return new Created(await views.CreateAsync(saved, caller, TopicRole.Author | TopicRole.Resident, cancellationToken), $"topics/{Uri.EscapeDataString(saved.Id)}");
    }
}
