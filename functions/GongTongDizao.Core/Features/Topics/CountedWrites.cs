using System.Net;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// What a written document moves: the topic's own counters (paths in the topic) and the community's counters for the
/// year (<see cref="StatCounters"/>).
/// </summary>
public sealed record Counts(IReadOnlyList<(string Path, long Delta)> Topic, IReadOnlyList<(string Counter, long Delta)> Community)
{
    /// <summary>A second given (+1) or withdrawn (-1): the topic's count and the community's participations.</summary>
    public static Counts Second(long delta) => new([("/secondCount", delta)], [(StatCounters.Participations, delta)]);
}

/// <summary>
/// A document of a topic's partition (a second, an evaluation, a comment) written together with the counts it
/// moves, in one transactional batch of the community's partition, where the document, the topic and the year's
/// counters (<see cref="CommunityYearStats"/>) all live. A document whose id is its uniqueness rule (one second,
/// one evaluation per person) fails the batch when repeated, and no count moves; no count ever moves without its
/// document, even if the process dies right after. One round trip where the write and then its increments were two
/// or three levels of waiting.
/// </summary>
public sealed class CountedWrites(CosmosClient cosmos, TopicStatsStore stats)
{
    private static readonly TransactionalBatchItemRequestOptions s_quiet = new() { EnableContentResponseOnWrite = false };
    private static readonly TransactionalBatchPatchItemRequestOptions s_quietPatch = new() { EnableContentResponseOnWrite = false };

    private readonly Container _topics = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Topics);

    /// <summary>The topic as counted (as given when <paramref name="counts"/> moves none of its counters); null when the document already existed.</summary>
    public Task<Topic?> TryCreateAsync<T>(Topic topic, T item, DateTimeOffset at, Counts counts, CancellationToken cancellationToken) =>
        WriteAsync(topic, batch => batch.CreateItem(item, s_quiet), HttpStatusCode.Conflict, at, counts, cancellationToken);

    /// <summary>The topic as counted without the document <paramref name="id"/>; null when there was none to delete.</summary>
    public Task<Topic?> TryDeleteAsync(Topic topic, string id, DateTimeOffset at, Counts counts, CancellationToken cancellationToken) =>
        WriteAsync(topic, batch => batch.DeleteItem(id, s_quiet), HttpStatusCode.NotFound, at, counts, cancellationToken);

    private async Task<Topic?> WriteAsync(Topic topic, Func<TransactionalBatch, TransactionalBatch> write, HttpStatusCode unchanged, DateTimeOffset at, Counts counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(counts);
        var countsTopic = counts.Topic.Count > 0;
        var statsAt = countsTopic ? 2 : 1;

        // Two tries: the community's first count of the year finds no counters, creates them, and counts again.
        for (var attempt = 0; ; attempt++)
        {
            var batch = write(_topics.CreateTransactionalBatch(new PartitionKey(topic.CommunityId)));
            if (countsTopic)
            {
                batch = batch.PatchItem(topic.Id, TopicStatsStore.Increments(counts.Topic));
            }

            if (counts.Community.Count > 0)
            {
                batch = batch.PatchItem(TopicStatsStore.IdFor(at), TopicStatsStore.Increments(counts.Community), s_quietPatch);
            }

            using var response = await batch.ExecuteAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return countsTopic ? response.GetOperationResultAtIndex<Topic>(1).Resource : topic;
            }

            // A failed batch answers the failing operation's status and 424 for the others.
            if (response[0].StatusCode == unchanged)
            {
                return null;
            }

            if (counts.Community.Count == 0 || response[statsAt].StatusCode != HttpStatusCode.NotFound || attempt > 0)
            {
                throw new InvalidOperationException($"A counted write in topic {topic.Id} failed with {(int)response.StatusCode}: {response.ErrorMessage}");
            }

            await stats.EnsureAsync(topic.CommunityId, at, cancellationToken);
        }
    }
}
