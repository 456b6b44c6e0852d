using System.Net;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>
/// A second given or withdrawn together with the two counts it moves, the topic's <c>secondCount</c> and the
/// community's participations of the year, in one transactional batch of the community's partition, where all three
/// documents live. The second's id is the one-per-person rule: a repeated second (or the withdrawal of none) fails the
/// batch and moves no count, and no count ever moves without its second. One round trip where the second's write and
/// then the two increments were two levels of waiting.
/// </summary>
public sealed class SecondCounter(CosmosClient cosmos, TopicStatsStore stats)
{
    private static readonly TransactionalBatchItemRequestOptions s_quiet = new() { EnableContentResponseOnWrite = false };
    private static readonly TransactionalBatchPatchItemRequestOptions s_quietPatch = new() { EnableContentResponseOnWrite = false };

    private readonly Container _topics = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Topics);

    /// <summary>The topic as counted with the new second; null when the person had already seconded it.</summary>
    public Task<Topic?> GiveAsync(Topic topic, Second second, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(second);
        return CountAsync(topic, batch => batch.CreateItem(second, s_quiet), 1, second.At, HttpStatusCode.Conflict, cancellationToken);
    }

    /// <summary>The topic as counted without the person's second; null when they had none to withdraw.</summary>
    public Task<Topic?> WithdrawAsync(Topic topic, string userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return CountAsync(topic, batch => batch.DeleteItem(Second.IdFor(topic.Id, userId), s_quiet), -1, at, HttpStatusCode.NotFound, cancellationToken);
    }

    private async Task<Topic?> CountAsync(Topic topic, Func<TransactionalBatch, TransactionalBatch> change, long delta, DateTimeOffset at, HttpStatusCode unchanged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var statsId = TopicStatsStore.IdFor(at);
        // Two tries: the community's first count of the year finds no counters, creates them, and counts again.
        for (var attempt = 0; ; attempt++)
        {
            using var response = await change(_topics.CreateTransactionalBatch(new PartitionKey(topic.CommunityId)))
                .PatchItem(topic.Id, [PatchOperation.Increment("/secondCount", delta)])
                .PatchItem(statsId, [PatchOperation.Increment(StatCounters.Participations, delta)], s_quietPatch)
                .ExecuteAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response.GetOperationResultAtIndex<Topic>(1).Resource;
            }

            // A failed batch answers the failing operation's status and 424 for the others.
            if (response[0].StatusCode == unchanged)
            {
                return null;
            }

            if (response[2].StatusCode != HttpStatusCode.NotFound || attempt > 0)
            {
                throw new InvalidOperationException($"Counting a second of topic {topic.Id} failed with {(int)response.StatusCode}: {response.ErrorMessage}");
            }

            await stats.EnsureAsync(topic.CommunityId, at, cancellationToken);
        }
    }
}
