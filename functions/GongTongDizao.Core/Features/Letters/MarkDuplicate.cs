namespace GongTongDizao.Core.Features.Letters;

public sealed record MarkDuplicateRequest(string OfLetterId);

public sealed class MarkDuplicateValidator : AbstractValidator<MarkDuplicateRequest>
{
    public MarkDuplicateValidator() => RuleFor(r => r.OfLetterId).NotEmpty().MaximumLength(80);
}

/// <summary>
/// Staff close a letter as a duplicate of another letter they can see; its author is told and pointed to the original
/// (<c>letter.marked_duplicate</c>).
/// </summary>
public sealed class MarkDuplicate(LetterTransitions transitions, LetterStore store, LetterViews views)
{
    public Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, MarkDuplicateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return transitions.RunAsync(caller, letterId, LetterAction.MarkDuplicate, async (letter, _, now) =>
        {
            var original = request.OfLetterId == letter.Id ? null : await store.FindAsync(request.OfLetterId, cancellationToken);
            if (original is null || !(await views.ActorsAsync(caller.User, original, cancellationToken)).Contains(LetterActor.Staff))
            {
                return Error.Validation("ofLetterId", "原信件不存在或不在您的负责范围内");
            }

            return new LetterChange(
                letter with { DuplicateOf = original.Id, Overdue = false, ClosedAt = now },
                [LetterFollowUpEvents.MarkedDuplicate(letter, original, caller.Id, now)],
                Reason: $"与信件 {original.Id} 重复");
        }, cancellationToken);
    }
}
