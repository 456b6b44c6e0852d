using System.Text.Json;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Events;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// How every change to a topic is saved: the new state and its events in one ETag-checked write (the outbox), then
/// the audit entry, then an attempt to publish (the sweeper retries what fails).
/// </summary>
public sealed class TopicWriter(TopicStore store, AuditLog audit, OutboxPublisher publisher, TimeProvider time)
{
    public const string EntityType = "topic";

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Saves <paramref name="after"/> if the topic is unchanged since <paramref name="before"/> was read; 412 → CONCURRENT_CHANGE.</summary>
    public async Task<Result<Topic>> SaveAsync(Topic before, Topic after, string action, string actorId, string? reason, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        var saved = await TrySaveAsync(before, after, action, actorId, reason, events, cancellationToken);
        return saved is null ? Error.From(ErrorCodes.ConcurrentChange) : saved;
    }

    /// <summary>As <see cref="SaveAsync"/>, but null on an ETag mismatch so the caller can re-read and retry.</summary>
    public async Task<Topic?> TrySaveAsync(Topic before, Topic after, string action, string actorId, string? reason, IReadOnlyList<DomainEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var saved = await store.TryReplaceAsync(after with { ETag = before.ETag, UpdatedAt = Now, Outbox = [.. before.Outbox, .. events] }, cancellationToken);
        if (saved is null)
        {
            return null;
        }

        await audit.AppendAsync(EntityType, saved.Id, action, actorId, StatusName(before.Status), StatusName(saved.Status), reason, cancellationToken);
        await PublishAsync(saved, cancellationToken);
        return saved;
    }

    public async Task PublishAsync(Topic topic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        await publisher.TryPublishAsync(store.Container, topic, new PartitionKey(topic.CommunityId), topic.ETag, cancellationToken);
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
