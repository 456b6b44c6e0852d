using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Letters;

public sealed record EvaluateLetterRequest(bool? Resolved, int? Satisfaction, string? Comment);

public sealed class EvaluateLetterValidator : AbstractValidator<EvaluateLetterRequest>
{
    public EvaluateLetterValidator()
    {
        RuleFor(r => r.Resolved).NotNull().WithMessage("请选择问题是否已解决");
        RuleFor(r => r.Satisfaction).NotNull().WithMessage("请选择满意度").InclusiveBetween(1, 5).WithMessage("满意度须在 1 到 5 之间");
        RuleFor(r => r.Comment).Text(0, 200, multiline: true);
    }
}

/// <summary>
/// The author rates the reply (民事民评). "Not resolved" reopens the letter once, with a new reply deadline; after
/// that, or when resolved, the letter closes. The latest evaluation is the one the statistics count; telemetry reports
/// every saved one (<c>LetterEvaluated</c>).
/// </summary>
public sealed class EvaluateLetter(LetterTransitions transitions, ContentGuard guard, AppEvents events, IOptions<LettersOptions> options)
{
    public async Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, EvaluateLetterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var resolved = request.Resolved!.Value;
        var satisfaction = request.Satisfaction!.Value;
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var result = await transitions.RunAsync(
            caller,
            letterId,
            letter => !resolved && !letter.ReopenedOnce ? LetterAction.Reopen : LetterAction.Evaluate,
            async (letter, next, now) =>
            {
                // Only staff read the comment, so a "review" verdict keeps it; "risky" text is refused like a letter's.
                if (comment is not null && await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Comment, null, comment, cancellationToken) == ContentVerdict.Reject)
                {
                    return Error.From(ErrorCodes.ContentRejected);
                }

                var evaluated = letter with
                {
                    Evaluation = new LetterEvaluation(resolved, satisfaction, comment, now),
                    Metrics = letter.Metrics with { Evaluated = true, Resolved = resolved, Satisfied = satisfaction >= 4 },
                };
                if (next == LetterStatus.Closed)
                {
                    return new LetterChange(evaluated with { ClosedAt = now, Deadlines = evaluated.Deadlines with { AutoCloseAt = null } });
                }

                var reopened = evaluated with
                {
                    ReopenedOnce = true,
                    Overdue = false,
                    Deadlines = evaluated.Deadlines with { ReplyBy = now + options.Value.ReplyDeadline, AutoCloseAt = null },
                };
                return new LetterChange(reopened, Timers: [LetterTimers.For(LetterTimers.ReplyDeadlineKind, reopened, reopened.Deadlines.ReplyBy!.Value)], Reason: "居民评价未解决，重新办理");
            },
            cancellationToken);
        if (result.IsSuccess)
        {
            // The letter was found, so its id names its community.
            events.LetterEvaluated(letterId, LetterStore.CommunityOf(letterId)!, resolved, satisfaction);
        }

        return result;
    }
}
