namespace GongTongDizao.Core.Features.Topics;

public sealed record MergeTopicRequest(string IntoTopicId, string? Reason);

public sealed class MergeTopicValidator : AbstractValidator<MergeTopicRequest>
{
    public MergeTopicValidator()
    {
        RuleFor(r => r.IntoTopicId).NotEmpty().MaximumLength(80);
        RuleFor(r => r.Reason).Text(2, 500);
    }
}

/// <summary>Staff fold a duplicate into another open topic of the same community.</summary>
public sealed class MergeTopic(TopicGate gate, TopicStore store, TopicWriter writer, TopicViews views)
{
    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, MergeTopicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.Merge, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        var target = request.IntoTopicId == topic.Id ? null : await store.FindAsync(request.IntoTopicId, cancellationToken);
        if (target is null || target.CommunityId != topic.CommunityId || target.Status is not (TopicStatus.Proposed or TopicStatus.Deliberating or TopicStatus.Delivering))
        {
            return Error.Validation("intoTopicId", "只能合并到本社区仍在进行中的另一个议题");
        }

        var reason = request.Reason?.Trim();
        var saved = await writer.SaveAsync(topic, topic with { Status = gated.Value.To, MergedIntoTopicId = target.Id, StatusReason = reason ?? $"已合并到「{target.Title}」" }, "topic.merged", caller.Id, target.Id, [], cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken) : saved.Error;
    }
}
