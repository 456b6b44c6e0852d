using System.Net;
using System.Runtime.CompilerServices;
using GongTongDizao.Core.Common;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>A page of results and the opaque token for the next one (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);

/// <summary>
/// The topics container: every document of a topic lives in its community's partition, so every read here is a
/// point read or a single-partition query with the community in the WHERE clause.
/// </summary>
public sealed class TopicStore(CosmosClient cosmos)
{
    public const int PageSize = 20;

    public Container Container { get; } = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Topics);

    public async Task<Topic?> FindAsync(string topicId, CancellationToken cancellationToken) =>
        Topic.CommunityOf(topicId) is { } community ? await ReadAsync<Topic>(topicId, community, cancellationToken) : null;

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
        using var feed = Container.GetItemQueryIterator<System.Text.Json.JsonElement>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(community), EnableOptimisticDirectExecution = true });
        while (feed.HasMoreResults)
        {
            foreach (var document in await feed.ReadNextAsync(cancellationToken))
            {
                var type = document.TryGetProperty("type", out var t) ? t.GetString() : null;
                if (type == Topic.DocumentType)
                {
                    topic = System.Text.Json.JsonSerializer.Deserialize<Topic>(document, JsonDefaults.Options);
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
        }

        return (topic, mine);
    }

    public async Task<Topic> CreateAsync(Topic topic, CancellationToken cancellationToken) =>
        (await Container.CreateItemAsync(topic, new PartitionKey(topic.CommunityId), cancellationToken: cancellationToken)).Resource;

    /// <summary>Saves if nobody changed the topic since it was read; otherwise CONCURRENT_CHANGE.</summary>
    public async Task<Result<Topic>> ReplaceAsync(Topic topic, CancellationToken cancellationToken) =>
        await TryReplaceAsync(topic, cancellationToken) is { } saved ? saved : Error.From(ErrorCodes.ConcurrentChange);

    /// <summary>Null when the ETag no longer matches (for callers that re-read and retry).</summary>
    public async Task<Topic?> TryReplaceAsync(Topic topic, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.ReplaceItemAsync(topic with { ETag = null }, topic.Id, new PartitionKey(topic.CommunityId), new ItemRequestOptions { IfMatchEtag = topic.ETag }, cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>Atomic counter changes (a patch needs no ETag and never loses a concurrent increment).</summary>
    public async Task<Topic> IncrementAsync(Topic topic, IReadOnlyList<(string Path, long Delta)> counters, CancellationToken cancellationToken) =>
        (await Container.PatchItemAsync<Topic>(topic.Id, new PartitionKey(topic.CommunityId), [.. counters.Select(c => PatchOperation.Increment(c.Path, c.Delta))], cancellationToken: cancellationToken)).Resource;

    /// <summary>False when the document already exists (its id is the uniqueness rule).</summary>
    public async Task<bool> TryCreateAsync<T>(T item, string communityId, CancellationToken cancellationToken)
    {
        try
        {
            await Container.CreateItemAsync(item, new PartitionKey(communityId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }

    /// <summary>False when there was nothing to delete.</summary>
    public async Task<bool> TryDeleteAsync(string id, string communityId, CancellationToken cancellationToken)
    {
        try
        {
            await Container.DeleteItemAsync<object>(id, new PartitionKey(communityId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
            return true;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    public async Task<T?> ReadAsync<T>(string id, string communityId, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return (await Container.ReadItemAsync<T>(id, new PartitionKey(communityId), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Result<Comment>> ReplaceAsync(Comment comment, CancellationToken cancellationToken)
    {
        try
        {
            return (await Container.ReplaceItemAsync(comment with { ETag = null }, comment.Id, new PartitionKey(comment.CommunityId), new ItemRequestOptions { IfMatchEtag = comment.ETag }, cancellationToken)).Resource;
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            return Error.From(ErrorCodes.ConcurrentChange);
        }
    }

    /// <summary>The exact number of seconds: the count the threshold is confirmed against.</summary>
    public async Task<long> CountSecondsAsync(string communityId, string topicId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition("SELECT VALUE COUNT(1) FROM s WHERE s.communityId = @c AND s.type = @type AND s.topicId = @t")
            .WithParameter("@c", communityId).WithParameter("@type", Second.DocumentType).WithParameter("@t", topicId);
        long total = 0;
        await foreach (var count in QueryAsync<long>(query, communityId, cancellationToken))
        {
            total += count;
        }

        return total;
    }

    /// <summary>One page of a query: single-partition when <paramref name="communityId"/> is given, across communities when null.</summary>
    public async Task<Page<T>> PageAsync<T>(QueryDefinition query, string? communityId, string? continuation, CancellationToken cancellationToken)
    {
        // The position was opened from one of our sealed tokens (PageTokens) before the query was built.
        using var feed = Container.GetItemQueryIterator<T>(query, continuation, new QueryRequestOptions { PartitionKey = communityId is null ? null : new PartitionKey(communityId), MaxItemCount = PageSize });
        if (!feed.HasMoreResults)
        {
            return new Page<T>([], null);
        }

        FeedResponse<T> response;
        try
        {
            response = await feed.ReadNextAsync(cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && continuation is not null)
        {
            throw new StalePageTokenException("The store cannot resume the topics query from this position.", ex);
        }

        return new Page<T>([.. response], response.ContinuationToken is { Length: > 0 } next ? next : null);
    }

    /// <summary>Streams a query; single-partition when <paramref name="communityId"/> is given (and in the WHERE clause).</summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(QueryDefinition query, string? communityId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = communityId is null ? null : new QueryRequestOptions { PartitionKey = new PartitionKey(communityId) };
        using var feed = Container.GetItemQueryIterator<T>(query, requestOptions: options);
        while (feed.HasMoreResults)
        {
            foreach (var item in await feed.ReadNextAsync(cancellationToken))
            {
                yield return item;
            }
        }
    }
}
