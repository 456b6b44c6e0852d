using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using GongTongDizao.Core;
using GongTongDizao.Core.Events;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// Queue storage unavailable right after a save: the event stays in the item's outbox (same document, real Cosmos),
/// the sweeper publishes it once the queue is back, exactly once, and a second sweep sends nothing.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class OutboxTests(ReliabilityFixture host)
{
    [Fact]
    public async Task An_event_saved_while_the_queue_is_down_is_published_once_after_recovery()
    {
        var cosmos = host.Services.GetRequiredService<CosmosClient>();
        var container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Letters);
        var community = $"outbox-{Guid.NewGuid():N}";
        var domainEvent = DomainEvent.Create(EventTypes.LetterSubmitted, "letter", $"{community}~1", community, "system", DateTimeOffset.UtcNow, new JsonObject { ["title"] = "测试" });
        var item = new OutboxItem { Id = $"{community}~1", CommunityId = community, Outbox = [domainEvent] };
        var saved = await container.CreateItemAsync(item, new PartitionKey(community));
        var queues = host.Services.GetRequiredService<QueueServiceClient>();

        var down = new RecordingQueue(queues, failing: true);
        var publishedWhileDown = await new OutboxPublisher(cosmos, down, NullLogger<OutboxPublisher>.Instance)
            .TryPublishAsync(StoreNames.Containers.Letters, item, new PartitionKey(community), saved.ETag, CancellationToken.None);
        var stillPending = (await container.ReadItemAsync<OutboxItem>(item.Id, new PartitionKey(community))).Resource;

        var up = new RecordingQueue(queues, failing: false);
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2));
        var sweeper = new OutboxSweeper(cosmos, new OutboxPublisher(cosmos, up, NullLogger<OutboxPublisher>.Instance), later);
        await sweeper.SweepAsync(CancellationToken.None);
        await sweeper.SweepAsync(CancellationToken.None);
        var after = (await container.ReadItemAsync<OutboxItem>(item.Id, new PartitionKey(community))).Resource;
        var sentOnce = up.Sent.Where(e => e.EntityId == item.Id).Select(e => e.Id).SequenceEqual([domainEvent.Id]);
        // Four observations: no publish while down, still pending, published exactly once, outbox emptied.
        CaseTally.Record("outbox", 4, new[] { !publishedWhileDown, stillPending.Outbox.Count == 1, sentOnce, after.Outbox.Count == 0 }.Count(ok => !ok));

        Assert.False(publishedWhileDown);
        Assert.Single(stillPending.Outbox);
        Assert.Equal([domainEvent.Id], up.Sent.Where(e => e.EntityId == item.Id).Select(e => e.Id));
        Assert.Empty(after.Outbox);
    }

    public sealed record OutboxItem : IHasOutbox
    {
        [System.Text.Json.Serialization.JsonPropertyName("id")]
        public required string Id { get; init; }

        public required string CommunityId { get; init; }

        public IReadOnlyList<DomainEvent> Outbox { get; init; } = [];
    }

    /// <summary>The queue boundary: failing like an unreachable storage account, or recording what was sent.</summary>
    private sealed class RecordingQueue(QueueServiceClient queues, bool failing) : EventQueue(queues)
    {
        public ConcurrentQueue<DomainEvent> Sent { get; } = new();

        public override Task SendAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
        {
            if (failing)
            {
                throw new Azure.RequestFailedException(503, "The queue service is unavailable.");
            }

            Sent.Enqueue(domainEvent);
            return Task.CompletedTask;
        }
    }
}
