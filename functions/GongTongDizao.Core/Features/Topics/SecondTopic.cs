namespace GongTongDizao.Core.Features.Topics;

public sealed record SecondView(string TopicId, bool Seconded, long SecondCount, TopicStatus Status);

/// <summary>
/// 附议 and its withdrawal. The second is a document whose id is (topic, person): creating it is the idempotency
/// check (409 = already seconded), and the counts move in the same transactional batch (<see cref="CountedWrites"/>),
/// so concurrent seconds give the exact count. Deleting decrements only when there was a second to delete.
/// </summary>
public sealed class SecondTopic(TopicGate gate, SecondingPolicy policy, TopicPublishing publishing, CountedWrites counted)
{
    public async Task<Result<SecondView>> SecondAsync(Caller caller, string topicId, CancellationToken cancellationToken)
    {
        var checkedTopic = await CheckAsync(caller, topicId, TopicAction.Second, cancellationToken);
        if (!checkedTopic.IsSuccess)
        {
            return checkedTopic.Error;
        }

        var topic = checkedTopic.Value;
        if (topic.Status == TopicStatus.Proposed && !policy.IsOpen(topic))
        {
            return Error.InvalidState("附议期已结束");
        }

        var second = new Second { Id = Second.IdFor(topic.Id, caller.Id), CommunityId = topic.CommunityId, TopicId = topic.Id, UserId = caller.Id, At = policy.Now };
        if (await counted.TryCreateAsync(topic, second, second.At, Counts.Second(1), cancellationToken) is { } seconded)
        {
            topic = await publishing.SettleAsync(seconded, cancellationToken) ?? seconded;
        }

        return new SecondView(topic.Id, true, topic.SecondCount, topic.Status);
    }

    public async Task<Result<SecondView>> WithdrawAsync(Caller caller, string topicId, CancellationToken cancellationToken)
    {
        var checkedTopic = await CheckAsync(caller, topicId, TopicAction.Unsecond, cancellationToken);
        if (!checkedTopic.IsSuccess)
        {
            return checkedTopic.Error;
        }

        var topic = checkedTopic.Value;
        if (await counted.TryDeleteAsync(topic, Second.IdFor(topic.Id, caller.Id), policy.Now, Counts.Second(-1), cancellationToken) is { } withdrawn)
        {
            topic = withdrawn;
        }

        return new SecondView(topic.Id, false, topic.SecondCount, topic.Status);
    }

    private async Task<Result<Topic>> CheckAsync(Caller caller, string topicId, TopicAction action, CancellationToken cancellationToken)
    {
        var gated = await gate.CheckAsync(caller, topicId, action, cancellationToken);
        return gated.IsSuccess ? gated.Value.Topic : gated.Error;
    }
}
