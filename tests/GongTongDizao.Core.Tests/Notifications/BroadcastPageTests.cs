using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Storage;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.Core.Tests.Telemetry;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>
/// The order of a broadcast page's writes for a recipient who may receive a WeChat message: the inbox item is stored
/// before the delivery batch carrying it is queued, so that a crash between them cannot leave a delivery that is sent and
/// counted while the page's next try, finding the unit spent, records the same person as skipped.
/// </summary>
public sealed class BroadcastPageTests
{
    private readonly CosmosClient _cosmos = Substitute.For<CosmosClient>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    private readonly IOptions<NotificationsOptions> _options = Options.Create(new NotificationsOptions());
    private readonly InboxStore _inbox;
    private readonly DeliveryQueue _queue = Substitute.For<DeliveryQueue>(Substitute.For<QueueServiceClient>());
    private readonly BroadcastPage _page;

    public BroadcastPageTests()
    {
        _inbox = Substitute.For<InboxStore>(_cosmos, new BulkCosmosClient(_cosmos));
        var preferences = Substitute.For<NotificationPreferences>(_cosmos);
        var quotas = Substitute.For<SubscriptionQuotas>(_cosmos, _options, _time);
        preferences.WhoWantsAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<BroadcastAudience>(), Arg.Any<CancellationToken>())
            .Returns(new HashSet<string> { "u-1" });
        quotas.WhoMayReceiveAsync(Arg.Any<IReadOnlyCollection<string>>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new HashSet<string> { "u-1" });
        _page = new BroadcastPage(preferences, new NotifyRecipient(_inbox, _queue, Substitute.For<DeliveryClaim>(null!, null!, null!, null!, null!, null!), _options, _time), quotas, _inbox, _queue, new AppEvents(new RecordingTelemetry()));
    }

    [Fact]
    public async Task A_recipient_with_a_unit_gets_the_inbox_item_stored_before_its_delivery_batch_is_queued()
    {
        _inbox.TryCreateInBulkAsync(Arg.Any<InboxItem>(), Arg.Any<CancellationToken>()).Returns(true);

        var tally = await _page.TellAsync(Notice(), BroadcastAudience.Youth, ["u-1"], 3, CancellationToken.None);

        Assert.Equal(new PageTally(1, 0), tally);
        Received.InOrder(() =>
        {
            _inbox.TryCreateInBulkAsync(Arg.Is<InboxItem>(i => i.UserId == "u-1" && i.SkippedDelivery == null), Arg.Any<CancellationToken>());
            _queue.SendAsync(Arg.Is<DeliveryBatch>(b => b.UserIds.SequenceEqual(new[] { "u-1" }) && b.Delivery.BroadcastId == "b-1" && b.Delivery.QuotaSeen), Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task When_the_inbox_write_fails_no_delivery_is_queued()
    {
        _inbox.TryCreateInBulkAsync(Arg.Any<InboxItem>(), Arg.Any<CancellationToken>()).ThrowsAsync(new CosmosException("store unavailable", System.Net.HttpStatusCode.ServiceUnavailable, 0, "a", 0));

        await Assert.ThrowsAsync<CosmosException>(() => _page.TellAsync(Notice(), BroadcastAudience.Youth, ["u-1"], 3, CancellationToken.None));

        await _queue.DidNotReceiveWithAnyArgs().SendAsync(default(DeliveryBatch)!, default);
        await _queue.DidNotReceiveWithAnyArgs().SendAsync(default(DeliveryMessage)!, default, default);
    }

    private Notice Notice() => BroadcastNotice(_time.GetUtcNow());

    /// <summary>A broadcast (id b-1) of community C-1 to its youth.</summary>
    internal static Notice BroadcastNotice(DateTimeOffset at) => Features.Notifications.Notice.For(
        DomainEvent.Create(EventTypes.BroadcastCreated, "broadcast", "b-1", "C-1", "u-staff", at, new JsonObject
        {
            ["broadcastId"] = "b-1",
            ["title"] = "停水通知",
            ["body"] = "明天上午停水，请提前储水。",
            ["audience"] = "youth",
            ["orgName"] = "测试社区",
        }),
        EventRoutes.Find(EventTypes.BroadcastCreated)!,
        "测试社区");
}
