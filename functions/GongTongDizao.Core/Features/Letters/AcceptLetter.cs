using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>Staff in scope accept (受理) the letter; the first acceptance is what the response rate measures.</summary>
public sealed class AcceptLetter(LetterTransitions transitions)
{
    public Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return transitions.RunAsync(caller, letterId, LetterAction.Accept, (letter, _, now) =>
        {
            var first = letter.Metrics.AcceptSeconds is null;
            var accepted = letter with
            {
                AcceptedAt = letter.AcceptedAt ?? now,
                Metrics = first
                    ? letter.Metrics with
                    {
                        AcceptSeconds = (long)(now - (letter.ReceivedAt ?? letter.CreatedAt)).TotalSeconds,
                        AcceptedOnTime = letter.Deadlines.AcceptBy is { } by && now <= by,
                    }
                    : letter.Metrics,
                Overdue = letter.Overdue && letter.OverdueStage != LetterDeadlineHandler.AcceptStage,
            };
            // The author hears of an acceptance once per handling org, not again after a reopening.
            IReadOnlyList<DomainEvent> events = letter.Status == LetterStatus.Submitted ? [LetterEvents.Accepted(accepted, caller.Id, now)] : [];
            return Task.FromResult<Result<LetterChange>>(new LetterChange(accepted, events));
        }, cancellationToken);
    }
}
