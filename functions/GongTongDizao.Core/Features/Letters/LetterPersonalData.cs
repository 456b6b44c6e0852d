using System.Runtime.CompilerServices;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Privacy;

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
/// rare). Deletion keeps the letters for the community record but replaces the author with the pseudonym and drops
/// the copy of their display name.
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

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var letter in store.ByAuthorAsync(userId, cancellationToken))
        {
            ids.Add(letter.Id);
        }

        foreach (var id in ids)
        {
            // Re-read and save with the ETag: a staff member may be replying at this very moment.
            for (var attempt = 0; ; attempt++)
            {
                var letter = await store.FindAsync(id, cancellationToken);
                if (letter is null || letter.AuthorId != userId)
                {
                    break;
                }

                var saved = await store.ReplaceAsync(letter with { AuthorId = pseudonym, AuthorName = null }, cancellationToken);
                if (saved.IsSuccess)
                {
                    break;
                }

                if (attempt >= 4 || saved.Error.Code != ErrorCodes.ConcurrentChange)
                {
                    throw new InvalidOperationException($"Letter {id} could not be anonymised: {saved.Error.Code}.");
                }
            }
        }
    }
}
