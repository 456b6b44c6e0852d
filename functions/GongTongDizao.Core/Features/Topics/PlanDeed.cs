using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Topics;

public sealed record MilestoneRequest(string Title, DateOnly? DueOn);

public sealed record PlanDeedRequest(string Owner, IReadOnlyList<MilestoneRequest>? Milestones);

public sealed class PlanDeedValidator : AbstractValidator<PlanDeedRequest>
{
    public PlanDeedValidator()
    {
        RuleFor(r => r.Owner).NotEmpty().Text(2, 50);
        RuleFor(r => r.Milestones).Must(m => m is null || m.Count <= 20).WithMessage("最多 20 个节点");
        RuleForEach(r => r.Milestones).ChildRules(m => m.RuleFor(x => x.Title).NotEmpty().Text(2, 100));
    }
}

/// <summary>民事民办: staff name who owns the deed (实事) and its milestones.</summary>
public sealed class PlanDeed(TopicGate gate, TopicWriter writer, TopicViews views, ContentGuard guard)
{
    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, PlanDeedRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.PlanDeed, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [request.Owner, .. (request.Milestones ?? []).Select(m => m.Title)], cancellationToken) is { } refused)
        {
            return refused;
        }

        var topic = gated.Value.Topic;
        var deed = (topic.Deed ?? new Deed()) with
        {
            Owner = request.Owner.Trim(),
            Milestones = [.. (request.Milestones ?? []).Select(m => new Milestone(m.Title.Trim(), m.DueOn))],
        };
        var saved = await writer.SaveAsync(topic, topic with { Deed = deed }, "deed.planned", caller.Id, null, [], cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken) : saved.Error;
    }
}
