using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Letters;

public sealed record ReplyToLetterRequest(string Content);

public sealed class ReplyToLetterValidator : AbstractValidator<ReplyToLetterRequest>
{
    public ReplyToLetterValidator() => RuleFor(r => r.Content).NotEmpty().Text(1, 2000, multiline: true);
}

/// <summary>
/// Staff answer (答复). The first reply is what the on-time reply rate measures; every reply starts the wait for the
/// author's evaluation, after which the letter closes itself.
/// </summary>
public sealed class ReplyToLetter(LetterTransitions transitions, ContentGuard guard, IOptions<LettersOptions> options)
{
    public Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, ReplyToLetterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var content = request.Content.Trim();
        return transitions.RunAsync(caller, letterId, LetterAction.Reply, async (letter, _, now) =>
        {
            // The author reads the reply: checked like their own text, once the caller may reply at all.
            if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [content], cancellationToken) is { } refused)
            {
                return refused;
            }

            var first = letter.Metrics.ReplySeconds is null;
            var replied = letter with
            {
                Replies = [.. letter.Replies, new LetterReply(Guid.NewGuid().ToString("N"), content, now, caller.Id, letter.HandlingOrgId)],
                FirstRepliedAt = letter.FirstRepliedAt ?? now,
                LastRepliedAt = now,
                Metrics = first
                    ? letter.Metrics with
                    {
                        ReplySeconds = (long)(now - (letter.ReceivedAt ?? letter.CreatedAt)).TotalSeconds,
                        RepliedOnTime = letter.Deadlines.ReplyBy is { } by && now <= by,
                    }
                    : letter.Metrics,
                Overdue = false,
                Deadlines = letter.Deadlines with { AutoCloseAt = now + options.Value.AutoCloseAfter },
            };
            return new LetterChange(
                replied,
                [LetterEvents.Replied(replied, content, caller.Id, now)],
                [LetterTimers.For(LetterTimers.AutoCloseKind, replied, replied.Deadlines.AutoCloseAt!.Value)]);
        }, cancellationToken);
    }
}
