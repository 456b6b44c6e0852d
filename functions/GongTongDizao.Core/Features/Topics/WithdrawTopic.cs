using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>The author takes the topic back before deliberation starts.</summary>
public sealed class WithdrawTopic(TopicStore store, TopicAccess access, TopicWriter writer, TopicViews views)
{
    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
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

        var to = TopicStateMachine.Decide(topic.Status, TopicAction.Withdraw, roles);
        if (!to.IsSuccess)
        {
            return to.Error;
        }

        var saved = await writer.SaveAsync(topic, topic with { Status = to.Value, StatusReason = "作者已撤回" }, "topic.withdrawn", caller.Id, null, [], cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, caller, roles, cancellationToken) : saved.Error;
    }
}
