using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Storage;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.Core.Tests.Telemetry;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace GongTongDizao.Core.Tests.Notifications;

/// <summary>
/// The delivery steps wired to fakes of the notifications store (NSubstitute over its virtual operations) and a
/// <see cref="FakeTimeProvider"/>; counters are real, over recorded telemetry, so each test sees what was counted.
/// </summary>
internal sealed class DeliveryFakes
{
    public DeliveryFakes()
    {
        var cosmos = Substitute.For<CosmosClient>();
        var bulk = new BulkCosmosClient(cosmos);
        Deliveries = Substitute.For<DeliveryStore>(cosmos, bulk, Time, NullLogger<DeliveryStore>.Instance);
        Quotas = Substitute.For<SubscriptionQuotas>(cosmos, Options, Time);
        Broadcasts = Substitute.For<BroadcastStore>(cosmos, bulk);
        Queue = Substitute.For<DeliveryQueue>(Substitute.For<QueueServiceClient>());
        Counters = new DeliveryCounters(new AppEvents(Telemetry), Broadcasts);

        // A save returns what was saved, as the store does.
        Deliveries.SaveAsync(Arg.Any<DeliveryRecord>(), Arg.Any<CancellationToken>()).Returns(c => c.Arg<DeliveryRecord>());
        Deliveries.TrySaveAsync(Arg.Any<DeliveryRecord>(), Arg.Any<CancellationToken>()).Returns(c => c.Arg<DeliveryRecord>());
        Deliveries.TryCreateAsync(Arg.Any<DeliveryRecord>(), Arg.Any<CancellationToken>()).Returns(c => c.Arg<DeliveryRecord>());
        Quotas.ClaimWithUnitAsync(Arg.Any<DeliveryRecord>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(c => new UnitClaim(c.Arg<DeliveryRecord>() with { QuotaTaken = true }, NoUnit: false));
    }

    /// <summary>The delivery's record exists already: every create of it, with or without its unit, conflicts.</summary>
    public void RecordExists()
    {
        Deliveries.TryCreateAsync(Arg.Any<DeliveryRecord>(), Arg.Any<CancellationToken>()).Returns((DeliveryRecord?)null);
        Quotas.ClaimWithUnitAsync(Arg.Any<DeliveryRecord>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new UnitClaim(null, NoUnit: false));
    }

    /// <summary>23:00 in Beijing.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero));

    public NotificationsOptions Settings { get; } = new() { RetryBaseDelay = TimeSpan.FromSeconds(30), MaxSendAttempts = 3 };

    public IOptions<NotificationsOptions> Options => Microsoft.Extensions.Options.Options.Create(Settings);

    public RecordingTelemetry Telemetry { get; } = new();

    public DeliveryStore Deliveries { get; }

    public SubscriptionQuotas Quotas { get; }

    public BroadcastStore Broadcasts { get; }

    public DeliveryQueue Queue { get; }

    public DeliveryCounters Counters { get; }

    public DeliveryRetries Retries => new(Deliveries, Queue, Options, Time, NullLogger<DeliveryRetries>.Instance);

    public DeliveryOutcomes Outcomes(DeliveryRetries? retries = null) => new(Deliveries, Counters, retries ?? Retries, Quotas, Options, NullLogger<DeliveryOutcomes>.Instance);

    public DeliveryClaim Claim => new(Deliveries, Quotas, Counters, Queue, Options, Time);

    public IEnumerable<string> Counted(string eventName) => Telemetry.Events.Where(e => e.Name == eventName).Select(e => string.Join(' ', e.Properties.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));

    public static DeliveryMessage Message(string? broadcastId = null) => new()
    {
        EventId = "e1",
        UserId = "u1",
        TemplateKey = "letterAccepted",
        EntityType = "letter",
        EntityId = "L1",
        Content = new NotificationContent { EventType = EventTypes.LetterAccepted, OccurredAt = DateTimeOffset.UnixEpoch, Data = new JsonObject() },
        BroadcastId = broadcastId,
    };

    /// <summary>The record of <paramref name="userId"/>'s delivery of event <paramref name="eventId"/> as the claim creates it (the tests against the emulator write it).</summary>
    public static DeliveryRecord NewRecord(string userId, string eventId, DeliveryStatus status, DateTimeOffset now, TimeSpan retention) =>
        DeliveryClaim.NewRecord(Message() with { UserId = userId, EventId = eventId }, status, null, now, retention);

    public static DeliveryRecord Pending(DateTimeOffset? leaseUntil = null, int attempts = 0, string? broadcastId = null) => new()
    {
        Id = NotificationKinds.DeliveryId("e1"),
        UserId = "u1",
        EventId = "e1",
        TemplateKey = "letterAccepted",
        Status = DeliveryStatus.Pending,
        Attempts = attempts,
        QuotaTaken = true,
        LeaseUntil = leaseUntil,
        BroadcastId = broadcastId,
        CreatedAt = DateTimeOffset.UnixEpoch,
        ETag = "\"1\"",
    };
}
