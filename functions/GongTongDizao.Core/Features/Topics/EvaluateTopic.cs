using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Topics;

public sealed record EvaluateTopicRequest(int Rating, string? Comment);

public sealed class EvaluateTopicValidator : AbstractValidator<EvaluateTopicRequest>
{
    public EvaluateTopicValidator()
    {
        RuleFor(r => r.Rating).InclusiveBetween(1, 5);
        RuleFor(r => r.Comment).Text(1, 200, multiline: true);
    }
}

public sealed record EvaluationView(string TopicId, int Rating, string? Comment, bool CommentHeld, DateTimeOffset At, long EvaluationCount, double AverageRating);

/// <summary>
/// 民事民评: a resident of the community rates the delivered deed 1–5, once (the evaluation's id is the rule),
/// within the evaluation window. The topic's summary and the community's yearly counters change by atomic increments.
/// </summary>
public sealed class EvaluateTopic(TopicGate gate, CountedWrites counted, TopicWriter writer, ContentGuard guard, IOptions<TopicsOptions> options)
{
    public async Task<Result<Created>> HandleAsync(Caller caller, string topicId, EvaluateTopicRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var gated = await gate.CheckAsync(caller, topicId, TopicAction.Evaluate, cancellationToken);
        if (!gated.IsSuccess)
        {
            return gated.Error;
        }

        var topic = gated.Value.Topic;
        if (topic.DeliveredAt is { } delivered && writer.Now > delivered + options.Value.EvaluationWindow)
        {
            return Error.InvalidState("评价期已结束");
        }

        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var held = false;
        if (comment is not null)
        {
            var verdict = await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Comment, null, comment, cancellationToken);
            if (verdict == ContentVerdict.Reject)
            {
                return Error.From(ErrorCodes.ContentRejected);
            }

            held = verdict == ContentVerdict.Hold;
        }

        var evaluation = new Evaluation
        {
            Id = Evaluation.IdFor(topic.Id, caller.Id),
            CommunityId = topic.CommunityId,
            TopicId = topic.Id,
            UserId = caller.Id,
            Rating = request.Rating,
            Comment = comment,
            CommentHeld = held,
            At = writer.Now,
        };
        // The evaluation, the topic's rating and the community's counters in one batch; a second evaluation moves none.
        var counts = new Counts([("/evaluationCount", 1), ("/ratingSum", request.Rating)], [(StatCounters.Evaluations, 1), (StatCounters.RatingSum, request.Rating), (StatCounters.Participations, 1)]);
        if (await counted.TryCreateAsync(topic, evaluation, writer.Now, counts, cancellationToken) is not { } updated)
        {
            return Error.InvalidState("您已经评价过了");
        }

        await writer.AuditAsync(updated, "topic.evaluated", caller.Id, null, cancellationToken);
        return new Created(new EvaluationView(topic.Id, evaluation.Rating, evaluation.Comment, held, evaluation.At, updated.EvaluationCount, Math.Round((double)updated.RatingSum / updated.EvaluationCount, 2)), $"topics/{Uri.EscapeDataString(topic.Id)}");
    }
}
