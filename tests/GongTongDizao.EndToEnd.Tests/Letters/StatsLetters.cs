using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.EndToEnd.Tests.Letters;

/// <summary>
/// A letter as the statistics count it, written straight to the store (anonymous, handled by its own community):
/// whether it was received, how long acceptance and reply took and whether on time, and the resident's evaluation.
/// </summary>
internal static class StatsLetters
{
    public static async Task AddAsync(
        LetterStore store,
        string[] path,
        DateTimeOffset createdAt,
        LetterStatus status,
        bool received,
        (long Seconds, bool OnTime)? accept,
        (long Seconds, bool OnTime)? reply,
        (bool Resolved, int Satisfaction)? evaluation,
        StatsLetterShape shape)
    {
        var community = path[^1];
        await store.CreateAsync(
            new Letter
            {
                Id = LetterStore.NewId(community),
                CommunityId = community,
                OrgPath = path,
                HandlingOrgId = community,
                HandlingPath = path,
                AuthorId = shape.AuthorId,
                Anonymous = true,
                Category = shape.Category,
                Title = shape.Title,
                Content = "统计样本",
                Status = status,
                CreatedAt = createdAt,
                ReceivedAt = received ? createdAt : null,
                Deadlines = shape.Deadlines ?? new LetterDeadlines(),
                Metrics = new LetterMetrics
                {
                    Received = received,
                    AcceptSeconds = accept?.Seconds,
                    AcceptedOnTime = accept?.OnTime ?? false,
                    ReplySeconds = reply?.Seconds,
                    RepliedOnTime = reply?.OnTime ?? false,
                    Evaluated = evaluation is not null,
                    Resolved = evaluation?.Resolved ?? false,
                    Satisfied = evaluation?.Satisfaction >= 4,
                },
                Evaluation = evaluation is { } e ? new LetterEvaluation(e.Resolved, e.Satisfaction, null, createdAt.AddDays(8)) : null,
            },
            CancellationToken.None);
    }
}

/// <summary>What the tests of one feature set alike on every sample letter.</summary>
internal sealed record StatsLetterShape(string AuthorId, LetterCategory Category, string Title, LetterDeadlines? Deadlines = null);
