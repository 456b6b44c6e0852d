namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// One letter with its timeline and replies: one point read (the id names the partition). The author, staff in scope
/// and, while it is held, moderators in scope may read it; to anyone else it does not exist. The author of a letter
/// marked a duplicate also gets the original's progress (status and timeline, which name no person; never its text,
/// author or replies, which belong to another resident).
/// </summary>
public sealed class GetLetter(LetterStore store, LetterViews views)
{
    public async Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var letter = await store.FindAsync(letterId, cancellationToken);
        if (letter is null)
        {
            return Error.NotFound();
        }

        var actors = await views.ActorsAsync(caller.User, letter, cancellationToken);
        if (actors.Count == 0)
        {
            return Error.NotFound();
        }

        var view = await views.ViewAsync(letter, actors, cancellationToken);
        return letter.DuplicateOf is { } originalId && actors.Contains(LetterActor.Author) && await store.FindAsync(originalId, cancellationToken) is { } original
            ? view with { Original = new LetterOriginalView(original.Id, original.Status, LetterTransitions.StatusLabel(original.Status), original.Timeline) }
            : view;
    }
}
