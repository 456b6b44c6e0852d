using System.Text.Json.Nodes;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Topics;

public sealed record DecideTopicRequest(DecisionOutcome Outcome, int VotesFor, int VotesAgainst, int Abstentions, string? Reason);

public sealed class DecideTopicValidator : AbstractValidator<DecideTopicRequest>
{
    public DecideTopicValidator()
    {
        RuleFor(r => r.Outcome).IsInEnum();
        RuleFor(r => r.VotesFor).InclusiveBetween(0, 100_000);
        RuleFor(r => r.VotesAgainst).InclusiveBetween(0, 100_000);
        RuleFor(r => r.Abstentions).InclusiveBetween(0, 100_000);
        RuleFor(r => r.Reason).Text(2, 500, multiline: true);
        RuleFor(r => r.Reason).NotEmpty().When(r => r.Outcome == DecisionOutcome.Rejected).WithMessage("未通过的议题须公布理由");
        RuleFor(r => r.Outcome).Must((r, _) => r.VotesFor > r.VotesAgainst).When(r => r.Outcome == DecisionOutcome.Accepted).WithMessage("赞成票须多于反对票才能通过");
    }
}

/// <summary>
/// 民事民决: staff record the vote after at least one meeting was held. The votes cast must reach the quorum.
/// Accepted → the deed is delivered; rejected → the topic ends with the published reason. Emits topic.decided.
/// </summary>
public sealed class DecideTopic(TopicGate gate, TopicWriter writer, TopicViews views, ContentGuard guard, IOptions<TopicsOptions> options)
{
    public async Task<Result<TopicView>> HandleAsync(Caller caller, string topicId, DecideTopicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var action = request.Outcome == DecisionOutcome.Accepted ? TopicAction.Accept : TopicAction.Reject;
        var gated = await gate.CheckAsync(caller, topicId, action, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        if (topic.MeetingsHeld == 0)
        {
            return Error.InvalidState("请先召开议事会并记录纪要，再记录表决结果");
        }

        var quorum = options.Value.Quorum;
        if (request.VotesFor + request.VotesAgainst + request.Abstentions < quorum)
        {
            return Error.Validation("votesFor", $"参与表决人数未达到法定人数（{quorum} 人）");
        }

        var reason = request.Reason?.Trim();
        if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Comment, [reason], cancellationToken) is { } refused)
        {
            return refused;
        }

        var decision = new Decision(request.Outcome, request.VotesFor, request.VotesAgainst, request.Abstentions, reason, caller.Id, writer.Now);
        var after = topic with
        {
            Status = gated.Value.To,
            Decision = decision,
            StatusReason = request.Outcome == DecisionOutcome.Rejected ? reason : null,
            Deed = request.Outcome == DecisionOutcome.Accepted ? new Deed() : null,
        };
        var data = new JsonObject { ["outcome"] = request.Outcome == DecisionOutcome.Accepted ? "accepted" : "rejected" };
        if (reason is not null)
        {
            data["reason"] = reason;
        }

        var decided = writer.Event(EventTypes.TopicDecided, topic, caller.Id, data);
        var saved = await writer.SaveAsync(topic, after, "topic.decided", caller.Id, reason, [decided], cancellationToken);
        return saved.IsSuccess ? await views.CreateAsync(saved.Value, caller, gated.Value.Roles, cancellationToken) : saved.Error;
    }
}
