namespace GongTongDizao.Core.Features.Topics;

/// <summary>The author takes the topic back before deliberation starts.</summary>
public sealed class WithdrawTopic(TopicGate gate, TopicWriter writer, TopicViews views)
{
    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.Withdraw, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var (topic, roles, to) = gated.Value;
        var saved = await writer.SaveAsync(topic, topic with { Status = to, StatusReason = "作者已撤回" }, "topic.withdrawn", caller.Id, null, [], cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, caller, roles, cancellationToken) : saved.Error;
    }
}
