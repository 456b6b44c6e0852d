using System.Text.Json;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// The topics container: every document of a topic lives in its community's partition, so every read here is a
/// point read or a single-partition query with the community in the WHERE clause.
/// </summary>
public sealed class TopicStore(CosmosClient cosmos) : IAggregateStore<Topic>
{
    public const int PageSize = 20;

    private readonly Container _topics = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Topics);

    public string ContainerName => StoreNames.Containers.Topics;

    public async Task<Topic?> FindAsync(string id, CancellationToken cancellationToken) =>
        Topic.CommunityOf(id) is { } community ? await ReadAsync<Topic>(id, community, cancellationToken) : null;

    /// <summary>
    /// The topic with the reader's own second and evaluation, in one single-partition query (directly executed, no
    /// query plan) where point reads would cost a round trip each.
    /// </summary>
    public async Task<(Topic? Topic, TopicViewerItems Mine)> FindForViewerAsync(string topicId, string userId, CancellationToken cancellationToken)
    {
        if (Topic.CommunityOf(topicId) is not { } community)
        {
            return (null, default);
        }

        var query = new QueryDefinition("SELECT * FROM c WHERE c.communityId = @c AND c.id IN (@topic, @second, @evaluation)")
            .WithParameter("@c", community)
            .WithParameter("@topic", topicId)
            .WithParameter("@second", Second.IdFor(topicId, userId))
            .WithParameter("@evaluation", Evaluation.IdFor(topicId, userId));
        Topic? topic = null;
        var mine = default(TopicViewerItems);
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(community), EnableOptimisticDirectExecution = true };
        await foreach (var document in _topics.DrainAsync<JsonElement>(query, options, cancellationToken))
        {
            var type = document.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == Topic.DocumentType)
            {
                topic = document.Deserialize<Topic>(JsonDefaults.Options);
            }
            else if (type == Second.DocumentType)
            {
                mine = mine with { Seconded = true };
            }
            else if (type == Evaluation.DocumentType)
            {
                mine = mine with { Evaluated = true };
            }
        }

        return (topic, mine);
    }

    public async Task<Topic> CreateAsync(Topic topic, CancellationToken cancellationToken) =>
        (await _topics.CreateItemAsync(topic, new PartitionKey(topic.CommunityId), cancellationToken: cancellationToken)).Resource;

    /// <summary>Null when the topic changed since <paramref name="ifMatch"/> was read (for callers that re-read and retry).</summary>
    public Task<Topic?> TryReplaceAsync(Topic topic, string? ifMatch, CancellationToken cancellationToken) =>
        _topics.TryReplaceAsync(topic with { ETag = null }, topic.Id, new PartitionKey(topic.CommunityId), ifMatch, cancellationToken);

    /// <summary>Null when the ETag the topic carries no longer matches.</summary>
    public Task<Topic?> TryReplaceAsync(Topic topic, CancellationToken cancellationToken) =>
        TryReplaceAsync(topic, topic.ETag, cancellationToken);

    /// <summary>False when the document already exists (its id is the uniqueness rule).</summary>
    public async Task<bool> TryCreateAsync<T>(T item, string communityId, CancellationToken cancellationToken)
        where T : class =>
        await _topics.TryCreateAsync(item, new PartitionKey(communityId), cancellationToken, returnContent: false) is not null;

    /// <summary>False when there was nothing to delete.</summary>
    public Task<bool> TryDeleteAsync(string id, string communityId, CancellationToken cancellationToken) =>
        _topics.TryDeleteAsync(id, new PartitionKey(communityId), cancellationToken);

    public Task<T?> ReadAsync<T>(string id, string communityId, CancellationToken cancellationToken)
        where T : class =>
        _topics.FindAsync<T>(id, new PartitionKey(communityId), cancellationToken);

    /// <summary>Null when the comment changed since it was read.</summary>
    public Task<Comment?> TryReplaceAsync(Comment comment, CancellationToken cancellationToken) =>
        _topics.TryReplaceAsync(comment with { ETag = null }, comment.Id, new PartitionKey(comment.CommunityId), comment.ETag, cancellationToken);

    public async Task<Result<Comment>> ReplaceAsync(Comment comment, CancellationToken cancellationToken) =>
        ConditionalWrites.OrConcurrentChange(await TryReplaceAsync(comment, cancellationToken));

    /// <summary>The exact number of seconds: the count the threshold is confirmed against.</summary>
    public Task<long> CountSecondsAsync(string communityId, string topicId, CancellationToken cancellationToken) =>
        _topics.SumAsync(
            new QueryDefinition("SELECT VALUE COUNT(1) FROM s WHERE s.communityId = @c AND s.type = @type AND s.topicId = @t")
                .WithParameter("@c", communityId).WithParameter("@type", Second.DocumentType).WithParameter("@t", topicId),
            new PartitionKey(communityId),
            cancellationToken);

    /// <summary>One page of a query: single-partition when <paramref name="communityId"/> is given, across communities when null.</summary>
    public Task<StorePage<T>> PageAsync<T>(QueryDefinition query, string? communityId, string? position, CancellationToken cancellationToken) =>
        _topics.ReadPageAsync<T>(query, communityId is null ? null : new PartitionKey(communityId), position, PageSize, cancellationToken);

    /// <summary>Streams a query; single-partition when <paramref name="communityId"/> is given (and in the WHERE clause).</summary>
    public IAsyncEnumerable<T> QueryAsync<T>(QueryDefinition query, string? communityId, CancellationToken cancellationToken) =>
        _topics.DrainAsync<T>(query, communityId is null ? null : new PartitionKey(communityId), cancellationToken);
}
