using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>A letter as its author gets it in the personal-data export.</summary>
public sealed record LetterExport(
    string Id,
    string CommunityId,
    LetterCategory Category,
    string Title,
    string Content,
    bool Anonymous,
    LetterStatus Status,
    DateTimeOffset CreatedAt,
    IReadOnlyList<LetterStep> Timeline,
    IReadOnlyList<LetterExportReply> Replies,
    LetterEvaluation? Evaluation);

public sealed record LetterExportReply(string Content, DateTimeOffset At, string ByOrgId);

/// <summary>
/// The letters a person wrote, in every community they lived in (a cross-partition query: export and deletion are
/// rare). Deletion keeps the letters for the community record but replaces the author, and a staff member who was
/// assigned or replied, with the pseudonym and drops the copies of their display names.
/// </summary>
public sealed class LetterPersonalData(LetterStore store) : IPersonalDataSource
{
    public string Kind => "letters";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var letter in store.ByAuthorAsync(userId, cancellationToken))
        {
            yield return new LetterExport(
                letter.Id,
                letter.CommunityId,
                letter.Category,
                letter.Title,
                letter.Content,
                letter.Anonymous,
                letter.Status,
                letter.CreatedAt,
                letter.Timeline,
                [.. letter.Replies.Select(r => new LetterExportReply(r.Content, r.At, r.ByOrgId))],
                letter.Evaluation);
        }
    }

    /// <summary>The author becomes the pseudonym; so does a staff member the letter was assigned to or answered by.</summary>
    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var letter in store.ByAuthorAsync(userId, cancellationToken))
        {
            ids.Add(letter.Id);
        }

        await foreach (var letter in store.ByStaffAsync(userId, cancellationToken))
        {
            ids.Add(letter.Id);
        }

        foreach (var id in ids)
        {
            // Re-read and save with the ETag: a staff member may be replying at this very moment.
            var updated = await OptimisticRetry.UpdateAsync(
                () => store.FindAsync(id, cancellationToken),
                letter => Forget(letter, userId, pseudonym),
                (current, forgotten) => store.TryReplaceAsync(forgotten, current.ETag, cancellationToken));
            if (!updated.IsSuccess)
            {
                throw new InvalidOperationException($"Letter {id} could not be anonymised: {updated.Error.Code}.");
            }
        }
    }

    /// <summary>The letter without the person, or null when it does not name them (any more).</summary>
    private static Letter? Forget(Letter letter, string userId, string pseudonym)
    {
        var author = letter.AuthorId == userId;
        var assignee = letter.Assignee?.UserId == userId;
        var replied = letter.Replies.Any(r => r.ByUserId == userId);
        if (!author && !assignee && !replied)
        {
            return null;
        }

        return letter with
        {
            AuthorId = author ? pseudonym : letter.AuthorId,
            AuthorName = author ? null : letter.AuthorName,
            Assignee = assignee ? letter.Assignee! with { UserId = pseudonym, DisplayName = null } : letter.Assignee,
            Replies = replied ? [.. letter.Replies.Select(r => r.ByUserId == userId ? r with { ByUserId = pseudonym } : r)] : letter.Replies,
        };
    }
}
