using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// One letter with its timeline and replies: one point read (the id names the partition). The author, staff in scope
/// and, while it is held, moderators in scope may read it; to anyone else it does not exist.
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
        return actors.Count == 0 ? Error.NotFound() : await views.ViewAsync(letter, actors, cancellationToken);
    }
}
