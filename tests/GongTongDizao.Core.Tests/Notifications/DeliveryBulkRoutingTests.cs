using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>
/// Which client a delivery's store operations go through (decision 0021): its recipient read, record saves and the
/// broadcast's increments through the bulk client, so that the 25 deliveries of a batch share requests; what a
/// resident's request reads (the cached account) through the ordinary one, which never waits for a bulk request to fill.
/// </summary>
public sealed class DeliveryBulkRoutingTests
{
    private readonly Container _ordinary = Substitute.For<Container>();
    private readonly Container _bulk = Substitute.For<Container>();
    private readonly CosmosClient _ordinaryClient = Substitute.For<CosmosClient>();
    private readonly CosmosClient _bulkClient = Substitute.For<CosmosClient>();

    public DeliveryBulkRoutingTests()
    {
        _ordinaryClient.GetContainer(Arg.Any<string>(), Arg.Any<string>()).Returns(_ordinary);
        _bulkClient.GetContainer(Arg.Any<string>(), Arg.Any<string>()).Returns(_bulk);
    }

    [Fact]
    public async Task The_recipient_read_goes_in_bulk_and_the_request_path_read_does_not()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var users = new UserStore(_ordinaryClient, new BulkCosmosClient(_bulkClient), cache, new UserIds(new KeyMaterial(Options.Create(new AuthOptions()))));

        await users.FindInBulkAsync("u1", CancellationToken.None);
        await _bulk.Received(1).ReadItemAsync<UserAccount>("u1", new PartitionKey("u1"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>());
        await users.FindAsync("u2", CancellationToken.None);

        await _ordinary.Received(1).ReadItemAsync<UserAccount>("u2", new PartitionKey("u2"), Arg.Any<ItemRequestOptions>(), Arg.Any<CancellationToken>());
        Assert.Single(_bulk.ReceivedCalls());
        Assert.Single(_ordinary.ReceivedCalls());
    }

    [Fact]
    public async Task A_record_save_and_a_broadcast_increment_go_in_bulk()
    {
        var deliveries = new DeliveryStore(_ordinaryClient, new BulkCosmosClient(_bulkClient), new FakeTimeProvider(), NullLogger<DeliveryStore>.Instance);
        var broadcasts = new BroadcastStore(_ordinaryClient, new BulkCosmosClient(_bulkClient));
        var record = new DeliveryRecord { Id = "delivery~e1", UserId = "u1", EventId = "e1", TemplateKey = "letterAccepted", Status = DeliveryStatus.Sent, CreatedAt = DateTimeOffset.UnixEpoch, ETag = "\"1\"" };

        await deliveries.TrySaveAsync(record, CancellationToken.None);
        await broadcasts.CountDeliveryAsync("b1", "sent", CancellationToken.None);

        await _bulk.Received(1).ReplaceItemAsync(Arg.Is<DeliveryRecord>(r => r.Id == "delivery~e1"), "delivery~e1", new PartitionKey("u1"), Arg.Is<ItemRequestOptions>(o => o.IfMatchEtag == "\"1\""), Arg.Any<CancellationToken>());
        await _bulk.Received(1).PatchItemAsync<BroadcastDocument>("b1", new PartitionKey(NotificationKinds.BroadcastPartition("b1")), Arg.Any<IReadOnlyList<PatchOperation>>(), Arg.Any<PatchItemRequestOptions>(), Arg.Any<CancellationToken>());
        Assert.Empty(_ordinary.ReceivedCalls());
    }
}
