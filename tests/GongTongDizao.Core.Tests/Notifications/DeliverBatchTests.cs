using GongTongDizao.Core.Features.Notifications;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>
/// A batch of a broadcast page's deliveries: each recipient's delivery runs as its own message would, and one that
/// fails goes on alone on the deliveries queue without holding the others back or sending them again.
/// </summary>
public sealed class DeliverBatchTests
{
    private readonly DeliveryFakes _fakes = new();
    private readonly DeliverNotification _deliver = Substitute.For<DeliverNotification>(null!, null!, null!, null!, null!, null!);
    private readonly DeliverBatch _batch;

    public DeliverBatchTests()
    {
        _deliver.HandleAsync(Arg.Any<DeliveryMessage>(), Arg.Any<CancellationToken>())
            .Returns(c => Sent(c.Arg<DeliveryMessage>().UserId));
        _batch = new DeliverBatch(_deliver, _fakes.Queue, NullLogger<DeliverBatch>.Instance);
    }

    [Fact]
    public async Task Every_recipient_is_delivered_as_a_message_of_its_own_would_be()
    {
        var records = await _batch.HandleAsync(Batch("u1", "u2", "u3"), CancellationToken.None);

        Assert.Equal(["u1", "u2", "u3"], records.Select(r => r!.UserId));
        await _deliver.Received(3).HandleAsync(Arg.Is<DeliveryMessage>(m => m.QuotaSeen && m.EventId == "e1" && m.BroadcastId == "b1" && m.TemplateKey == "broadcast"), Arg.Any<CancellationToken>());
        await _fakes.Queue.DidNotReceiveWithAnyArgs().SendAsync(default(DeliveryMessage)!, default, default);
    }

    [Fact]
    public async Task A_recipient_whose_delivery_fails_goes_on_alone_and_the_others_are_not_held_back()
    {
        _deliver.HandleAsync(Arg.Is<DeliveryMessage>(m => m.UserId == "u2"), Arg.Any<CancellationToken>())
            .ThrowsAsync(new CosmosException("store unavailable", System.Net.HttpStatusCode.ServiceUnavailable, 0, "a", 0));

        var records = await _batch.HandleAsync(Batch("u1", "u2", "u3"), CancellationToken.None);

        Assert.Equal(["u1", null, "u3"], records.Select(r => r?.UserId));
        await _fakes.Queue.Received(1).SendAsync(Arg.Is<DeliveryMessage>(m => m.UserId == "u2" && m.QuotaSeen && m.BroadcastId == "b1"), null, Arg.Any<CancellationToken>());
        await _fakes.Queue.DidNotReceive().SendAsync(Arg.Is<DeliveryMessage>(m => m.UserId != "u2"), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_a_failed_delivery_cannot_go_on_alone_the_batch_fails_and_comes_back()
    {
        _deliver.HandleAsync(Arg.Is<DeliveryMessage>(m => m.UserId == "u2"), Arg.Any<CancellationToken>())
            .ThrowsAsync(new CosmosException("store unavailable", System.Net.HttpStatusCode.ServiceUnavailable, 0, "a", 0));
        _fakes.Queue.SendAsync(Arg.Any<DeliveryMessage>(), Arg.Any<TimeSpan?>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("queue unavailable"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _batch.HandleAsync(Batch("u1", "u2"), CancellationToken.None));
    }

    [Fact]
    public void A_page_s_recipients_are_split_into_batches_of_at_most_the_limit_each_carrying_the_notice()
    {
        var ids = Enumerable.Range(0, (DeliveryBatch.MaxRecipients * 2) + 1).Select(i => $"u{i}").ToList();
        var notice = BroadcastPageTests.BroadcastNotice(_fakes.Time.GetUtcNow());

        var batches = DeliveryBatch.For(notice, ids).ToList();

        Assert.Equal([DeliveryBatch.MaxRecipients, DeliveryBatch.MaxRecipients, 1], batches.Select(b => b.UserIds.Count));
        Assert.Equal(ids, batches.SelectMany(b => b.Deliveries()).Select(m => m.UserId));
        var expected = NotifyRecipient.DeliveryFor(notice, "u0") with { QuotaSeen = true };
        Assert.Equal(expected with { Content = null! }, batches[0].Deliveries().First() with { Content = null! });
        Assert.Same(notice.Content, batches[0].Delivery.Content);
    }

    private static DeliveryBatch Batch(params string[] userIds) => new()
    {
        Delivery = DeliveryFakes.Message(broadcastId: "b1") with { UserId = userIds[0], TemplateKey = "broadcast", QuotaSeen = true },
        UserIds = userIds,
    };

    private static DeliveryRecord Sent(string userId) => DeliveryFakes.Pending() with { UserId = userId, Status = DeliveryStatus.Sent };
}
