using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Topics;

public sealed record SendBackRequest(string Reason);

public sealed class SendBackValidator : AbstractValidator<SendBackRequest>
{
    public SendBackValidator() => RuleFor(r => r.Reason).NotEmpty().Text(2, 500, multiline: true);
}

/// <summary>
/// Staff close the evaluated deed as completed (办成实事: the statistics and telemetry count a deed done here, not at
/// 100 % progress, which a send-back undoes; topic.completed asks participants to rate it) or send it back to delivery
/// with a reason.
/// </summary>
public sealed class CloseTopic(TopicGate gate, TopicWriter writer, TopicViews views, TopicStatsStore stats, AppEvents events, ContentGuard guard)
{
    public async Task<Result<TopicView>> CompleteAsync(Caller caller, string topicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.Complete, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        var completed = writer.Event(EventTypes.TopicCompleted, topic, caller.Id);
        var saved = await writer.SaveAsync(topic, topic with { Status = gated.Value.To, CompletedAt = writer.Now, StatusReason = null }, "topic.completed", caller.Id, null, [completed], cancellationToken);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        events.DeedDone(topic.Id, topic.CommunityId);
        await stats.IncrementAsync(topic.CommunityId, writer.Now, [(StatCounters.DeedsDone, 1)], cancellationToken);
        return await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken);
    }

    public async Task<Result<TopicView>> SendBackAsync(Caller caller, string topicId, SendBackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.SendBack, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        var reason = request.Reason.Trim();
        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Comment, [reason], cancellationToken) is { } refused)
        {
            return refused;
        }

        var saved = await writer.SaveAsync(topic, topic with { Status = gated.Value.To, StatusReason = reason, DeliveredAt = null }, "topic.sent_back", caller.Id, reason, [], cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken) : saved.Error;
    }
}
