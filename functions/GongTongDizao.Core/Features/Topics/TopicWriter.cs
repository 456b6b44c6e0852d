using System.Text.Json;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// The topics' side of the one <see cref="AggregatePipeline{T}"/>: a topic change as the pipeline saves it (the new
/// state stamped with the time, its events in the outbox, the audit line from status to status). The pipeline does the
/// ETag-checked write, the audit entry and the publishing (the sweeper retries what fails).
/// </summary>
public sealed class TopicWriter(AggregatePipeline<Topic> pipeline, AuditLog audit, TimeProvider time)
{
    public const string EntityType = "topic";

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Saves <paramref name="after"/> if the topic is unchanged since <paramref name="before"/> was read; 412 → CONCURRENT_CHANGE.</summary>
    public Task<Result<Topic>> SaveAsync(Topic before, Topic after, string action, string actorId, string? reason, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken) =>
        pipeline.SaveAsync(before, Change(before, after, action, actorId, reason, events), cancellationToken);

    /// <summary>As <see cref="SaveAsync"/>, but null on an ETag mismatch.</summary>
    public Task<Topic?> TrySaveAsync(Topic before, Topic after, string action, string actorId, string? reason, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken) =>
        pipeline.TrySaveAsync(before, Change(before, after, action, actorId, reason, events), cancellationToken);

    /// <summary>Decides on the topic as read now and saves; a lost race re-reads and decides again, up to <paramref name="maxAttempts"/> times.</summary>
    public Task<Result<Topic>> RunAsync(Topic loaded, AggregatePipeline<Topic>.Decide decide, int maxAttempts, CancellationToken cancellationToken) =>
        pipeline.RunAsync(loaded, decide, cancellationToken, maxAttempts);

    /// <summary>The change the pipeline saves: <paramref name="after"/> stamped with the time, the audit line from status to status.</summary>
    public AggregateChange<Topic> Change(Topic before, Topic after, string action, string actorId, string? reason, IReadOnlyList<DomainEvent> events)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new AggregateChange<Topic>(after with { UpdatedAt = Now }, new AuditEntry(EntityType, action, actorId, StatusName(before.Status), StatusName(after.Status), reason))
        {
            Events = events,
        };
    }

    public Task PublishAsync(Topic topic, CancellationToken cancellationToken) => pipeline.AfterSaveAsync(topic, null, cancellationToken);

    /// <summary>Stores a new topic and audits it (the status it starts in, as from and to).</summary>
    public Task<Topic> CreateAsync(Topic topic, string action, string actorId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var status = StatusName(topic.Status);
        return pipeline.CreateAsync(new AggregateChange<Topic>(topic, new AuditEntry(EntityType, action, actorId, status, status, reason)), cancellationToken);
    }

    public Task AuditAsync(Topic topic, string action, string actorId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var status = StatusName(topic.Status);
        return audit.AppendAsync(EntityType, topic.Id, action, actorId, status, status, reason, cancellationToken);
    }

    public Task AuditCommentAsync(Comment comment, string action, string actorId, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return audit.AppendAsync("comment", comment.Id, action, actorId, null, JsonNamingPolicy.SnakeCaseLower.ConvertName(comment.Status.ToString()), reason, cancellationToken);
    }

    /// <summary>An event about the topic: topicId, title, communityId and authorId, plus the type's own fields.</summary>
    public DomainEvent Event(string type, Topic topic, string actorId, JsonObject? extra = null)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var data = new JsonObject
        {
            ["topicId"] = topic.Id,
            ["title"] = topic.Title,
            ["communityId"] = topic.CommunityId,
            ["authorId"] = topic.AuthorId,
        };
        foreach (var (key, value) in extra ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return DomainEvent.Create(type, EntityType, topic.Id, topic.CommunityId, actorId, Now, data);
    }

    public static string StatusName(TopicStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
