using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Tests.Notifications;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>
/// Why a handler gave up is written on a delivery only while it is pending (<see cref="DeliveryStore.TryRecordErrorAsync"/>),
/// against the Cosmos emulator: a handler that fails after making the record final (while counting it) must not put
/// its error over the delivery's outcome.
/// </summary>
[Collection(HandlersCollection.Name)]
public sealed class DeliveryErrorRecordTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task The_error_is_written_on_a_pending_delivery_and_not_on_a_final_one()
    {
        var deliveries = Scope.Get<DeliveryStore>();
        var person = $"error-{Guid.NewGuid():N}";
        var now = Scope.Time.GetUtcNow();
        var pending = await deliveries.TryCreateAsync(Record(person, "e1", DeliveryStatus.Pending) with { LeaseUntil = now + DeliveryClaim.LeaseTime }, CancellationToken.None);
        var sent = await deliveries.TryCreateAsync(Record(person, "e2", DeliveryStatus.Sent), CancellationToken.None);

        await deliveries.TryRecordErrorAsync(pending!, "error:HttpRequestException", CancellationToken.None);
        await deliveries.TryRecordErrorAsync(sent!, "error:HttpRequestException", CancellationToken.None);

        var released = await deliveries.FindAsync(person, pending!.Id, CancellationToken.None);
        var kept = await deliveries.FindAsync(person, sent!.Id, CancellationToken.None);
        Assert.Equal((DeliveryStatus.Pending, "error:HttpRequestException", (DateTimeOffset?)null), (released!.Status, released.Reason, released.LeaseUntil));
        Assert.Equal((DeliveryStatus.Sent, (string?)null, sent.ETag), (kept!.Status, kept.Reason, kept.ETag));
    }

    private DeliveryRecord Record(string person, string eventId, DeliveryStatus status) =>
        DeliveryFakes.NewRecord(person, eventId, status, Scope.Time.GetUtcNow(), TimeSpan.FromDays(30));
}
