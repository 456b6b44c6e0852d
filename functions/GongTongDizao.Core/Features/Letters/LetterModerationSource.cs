using System.Runtime.CompilerServices;
using GongTongDizao.Core.Moderation;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>Held letters in the one moderation queue; decisions go through the same transitions as the endpoints.</summary>
public sealed class LetterModerationSource(LetterStore store, ModerateLetter moderate) : IModerationSource
{
    public string ItemType => LetterEvents.EntityType;

    public async IAsyncEnumerable<ModerationItem> HeldAsync(IReadOnlyList<string> scopeRootOrgIds, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopeRootOrgIds);
        await foreach (var letter in store.HeldWithinAsync(scopeRootOrgIds, cancellationToken))
        {
            yield return new ModerationItem(letter.Id, ItemType, letter.CommunityId, "文字内容需人工审核", LetterEvents.Shorten(letter.Title, 50), letter.CreatedAt);
        }
    }

    public async Task<Result<NoContent>> DecideAsync(Caller moderator, string itemId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        var decided = approve
            ? await moderate.ApproveAsync(moderator, itemId, cancellationToken)
            : await moderate.Reject(moderator, itemId, reason, cancellationToken);
        return decided.IsSuccess ? new NoContent() : decided.Error;
    }
}
