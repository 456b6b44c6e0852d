namespace GongTongDizao.Core.Features.Letters;

/// <summary>The author takes the letter back, any time before a reply.</summary>
public sealed class WithdrawLetter(LetterTransitions transitions)
{
    public Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, CancellationToken cancellationToken) =>
        transitions.RunAsync(caller, letterId, LetterAction.Withdraw, (letter, _, now) =>
            Task.FromResult<Result<LetterChange>>(new LetterChange(letter with { Overdue = false, ClosedAt = now })), cancellationToken);
}
