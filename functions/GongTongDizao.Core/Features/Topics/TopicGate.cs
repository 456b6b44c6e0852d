namespace GongTongDizao.Core.Features.Topics;

/// <summary>A topic the caller may act on, their roles, and the state the action leads to.</summary>
public sealed record GatedTopic(Topic Topic, TopicRole Roles, TopicStatus To);

/// <summary>Loads a topic and asks <see cref="TopicStateMachine"/> whether the caller may do the action now.</summary>
public sealed class TopicGate(TopicStore store, TopicAccess access)
{
    public async Task<Result<GatedTopic>> CheckAsync(Caller caller, string topicId, TopicAction action, CancellationToken cancellationToken)
    {
        var readable = await ReadAsync(caller, topicId, cancellationToken);
        if (!readable.IsSuccess)
        {
            return readable.Error;
        }

        var (topic, roles) = readable.Value;
        var to = TopicStateMachine.Decide(topic.Status, action, roles);
        return to.IsSuccess ? new GatedTopic(topic, roles, to.Value) : to.Error;
    }

    /// <summary>The topic and the caller's roles when the caller may read it; NOT_FOUND otherwise (a held topic is not revealed).</summary>
    public async Task<Result<(Topic Topic, TopicRole Roles)>> ReadAsync(Caller caller, string topicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var topic = await store.FindAsync(topicId, cancellationToken);
        if (topic is null)
        {
            return Error.NotFound();
        }

        var roles = await access.RolesAsync(caller, topic, cancellationToken);
        return TopicAccess.CanRead(topic, roles) ? (topic, roles) : Error.NotFound();
    }
}
