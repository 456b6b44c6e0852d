using System.Runtime.CompilerServices;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

public sealed record TopicRecord(string Kind, string TopicId, string? Title, string? Text, string? Detail, DateTimeOffset? At);

/// <summary>
/// What the Topics feature holds about a person: topics they proposed, seconds, comments, reports of comments,
/// meeting registrations and evaluations. Deletion keeps what they wrote for the community record but replaces who they were with the
/// pseudonym (seconds and evaluations are re-keyed, since their ids name the person). These queries cross
/// partitions: a person's records are spread over the communities they took part in; export and deletion are rare.
/// </summary>
public sealed class TopicPersonalData(TopicStore store) : IPersonalDataSource
{
    private const int MaxAttempts = 10;

    public string Kind => "topics";

    public async IAsyncEnumerable<object> ExportAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var topic in TopicsOfAsync(userId, cancellationToken))
        {
            if (topic.AuthorId == userId)
            {
                yield return new TopicRecord("topic", topic.Id, topic.Title, topic.Description, TopicWriter.StatusName(topic.Status), topic.CreatedAt);
            }

            foreach (var meeting in topic.Meetings)
            {
                var (state, position) = meeting.PlaceOf(userId);
                if (state != RegistrationState.None)
                {
                    yield return new TopicRecord("registration", topic.Id, topic.Title, meeting.Place, position is { } p ? $"候补第 {p} 位" : "已报名", meeting.StartsAt);
                }
            }

            if (topic.RegistrantIds.Contains(userId) && topic.Meetings.All(m => m.PlaceOf(userId).State == RegistrationState.None))
            {
                // Kept to tell them of the topic's outcome: they registered once and cancelled.
                yield return new TopicRecord("registration", topic.Id, topic.Title, null, "已取消报名", null);
            }
        }

        await foreach (var second in ByUserAsync<Second>(Second.DocumentType, "userId", userId, cancellationToken))
        {
            yield return new TopicRecord("second", second.TopicId, null, null, null, second.At);
        }

        await foreach (var comment in ByUserAsync<Comment>(Comment.DocumentType, "authorId", userId, cancellationToken))
        {
            yield return new TopicRecord("comment", comment.TopicId, null, comment.Content, comment.Stance.ToString().ToLowerInvariant(), comment.CreatedAt);
        }

        var reported = new QueryDefinition("SELECT * FROM d WHERE d.type = @type AND ARRAY_CONTAINS(d.reporters, @u)")
            .WithParameter("@type", Comment.DocumentType).WithParameter("@u", userId);
        await foreach (var comment in store.QueryAsync<Comment>(reported, null, cancellationToken))
        {
            // Kept until a moderator has looked at the comment.
            yield return new TopicRecord("report", comment.TopicId, null, null, "举报了评论 " + comment.Id, null);
        }

        await foreach (var evaluation in ByUserAsync<Evaluation>(Evaluation.DocumentType, "userId", userId, cancellationToken))
        {
            yield return new TopicRecord("evaluation", evaluation.TopicId, null, evaluation.Comment, $"{evaluation.Rating} 星", evaluation.At);
        }
    }

    public async Task AnonymiseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        await foreach (var found in TopicsOfAsync(userId, cancellationToken))
        {
            await OptimisticRetry.RunAsync<Topic, bool>(
                found,
                async topic => await store.TryReplaceAsync(Renamed(topic, userId, pseudonym), cancellationToken) is not null ? true : Attempt<bool>.LostRace(),
                topic => store.FindAsync(topic.Id, cancellationToken),
                _ => false,
                MaxAttempts);
        }

        await foreach (var second in ByUserAsync<Second>(Second.DocumentType, "userId", userId, cancellationToken))
        {
            await store.TryCreateAsync(second with { Id = Second.IdFor(second.TopicId, pseudonym), UserId = pseudonym }, second.CommunityId, cancellationToken);
            await store.TryDeleteAsync(second.Id, second.CommunityId, cancellationToken);
        }

        await foreach (var evaluation in ByUserAsync<Evaluation>(Evaluation.DocumentType, "userId", userId, cancellationToken))
        {
            await store.TryCreateAsync(evaluation with { Id = Evaluation.IdFor(evaluation.TopicId, pseudonym), UserId = pseudonym }, evaluation.CommunityId, cancellationToken);
            await store.TryDeleteAsync(evaluation.Id, evaluation.CommunityId, cancellationToken);
        }

        var comments = new QueryDefinition("SELECT * FROM c WHERE c.type = @type AND (c.authorId = @u OR ARRAY_CONTAINS(c.reporters, @u))")
            .WithParameter("@type", Comment.DocumentType).WithParameter("@u", userId);
        await foreach (var found in store.QueryAsync<Comment>(comments, null, cancellationToken))
        {
            await OptimisticRetry.RunAsync<Comment, bool>(
                found,
                async comment => await store.TryReplaceAsync(Renamed(comment, userId, pseudonym), cancellationToken) is not null ? true : Attempt<bool>.LostRace(),
                comment => store.ReadAsync<Comment>(comment.Id, comment.CommunityId, cancellationToken),
                _ => false,
                MaxAttempts);
        }
    }

    private static Topic Renamed(Topic topic, string userId, string pseudonym) => topic with
    {
        AuthorId = topic.AuthorId == userId ? pseudonym : topic.AuthorId,
        AuthorName = topic.AuthorId == userId ? null : topic.AuthorName,
        RegistrantIds = Rename(topic.RegistrantIds, userId, pseudonym),
        Meetings = [.. topic.Meetings.Select(m => m with
        {
            Registered = Rename(m.Registered, userId, pseudonym),
            Waiting = Rename(m.Waiting, userId, pseudonym),
            ScheduledBy = m.ScheduledBy == userId ? pseudonym : m.ScheduledBy,
        })],
        Decision = topic.Decision is { } d && d.DecidedBy == userId ? d with { DecidedBy = pseudonym } : topic.Decision,
        Deed = topic.Deed is { } deed && deed.Progress.Any(p => p.ReportedBy == userId)
            ? deed with { Progress = [.. deed.Progress.Select(p => p.ReportedBy == userId ? p with { ReportedBy = pseudonym } : p)] }
            : topic.Deed,
    };

    private static Comment Renamed(Comment comment, string userId, string pseudonym) => comment with
    {
        AuthorId = comment.AuthorId == userId ? pseudonym : comment.AuthorId,
        AuthorName = comment.AuthorId == userId ? null : comment.AuthorName,
        Reporters = Rename(comment.Reporters, userId, pseudonym),
    };

    private static List<string> Rename(IReadOnlyList<string> ids, string userId, string pseudonym) => [.. ids.Select(id => id == userId ? pseudonym : id)];

    private IAsyncEnumerable<Topic> TopicsOfAsync(string userId, CancellationToken cancellationToken) =>
        store.QueryAsync<Topic>(
            new QueryDefinition("SELECT * FROM t WHERE t.type = @type AND (t.authorId = @u OR ARRAY_CONTAINS(t.registrantIds, @u)"
                + " OR t.decision.decidedBy = @u OR ARRAY_CONTAINS(t.meetings, {\"scheduledBy\": @u}, true) OR ARRAY_CONTAINS(t.deed.progress, {\"reportedBy\": @u}, true))")
                .WithParameter("@type", Topic.DocumentType).WithParameter("@u", userId),
            null,
            cancellationToken);

    private IAsyncEnumerable<T> ByUserAsync<T>(string type, string field, string userId, CancellationToken cancellationToken) =>
        store.QueryAsync<T>(
            new QueryDefinition($"SELECT * FROM d WHERE d.type = @type AND d.{field} = @u").WithParameter("@type", type).WithParameter("@u", userId),
            null,
            cancellationToken);
}
