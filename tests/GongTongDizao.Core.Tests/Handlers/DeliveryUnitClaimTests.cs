using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Tests.Notifications;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>
/// A delivery's claim and its one-time unit are one transactional batch in the person's partition
/// (<see cref="SubscriptionQuotas.ClaimWithUnitAsync"/>), against the Cosmos emulator: each lands only with the other.
/// </summary>
[Collection(HandlersCollection.Name)]
public sealed class DeliveryUnitClaimTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    private const string Template = "letterAccepted";

    [Fact]
    public async Task A_claim_takes_one_unit_a_second_claim_of_it_takes_none_and_without_units_nothing_is_written()
    {
        var quotas = Scope.Get<SubscriptionQuotas>();
        var person = $"unit-{Guid.NewGuid():N}";
        await quotas.RecordAsync(person, Template, "accept", DecisionSource.Client, CancellationToken.None);

        var first = await quotas.ClaimWithUnitAsync(Pending(person, "e1"), Template, CancellationToken.None);
        var again = await quotas.ClaimWithUnitAsync(Pending(person, "e1"), Template, CancellationToken.None);
        var spent = await quotas.ClaimWithUnitAsync(Pending(person, "e2"), Template, CancellationToken.None);

        Assert.Equal((DeliveryStatus.Pending, true), (first.Record!.Status, first.Record.QuotaTaken));
        Assert.Equal(new UnitClaim(null, NoUnit: false), again);
        Assert.Equal(new UnitClaim(null, NoUnit: true), spent);
        Assert.Equal(0, (await quotas.FindAsync(person, Template, CancellationToken.None))!.Remaining);
        var deliveries = Scope.Get<DeliveryStore>();
        Assert.True((await deliveries.FindAsync(person, NotificationKinds.DeliveryId("e1"), CancellationToken.None))!.QuotaTaken);
        Assert.Null(await deliveries.FindAsync(person, NotificationKinds.DeliveryId("e2"), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_claims_of_different_deliveries_take_exactly_the_units_there_are()
    {
        var quotas = Scope.Get<SubscriptionQuotas>();
        var person = $"unit-{Guid.NewGuid():N}";
        for (var i = 0; i < 3; i++)
        {
            await quotas.RecordAsync(person, Template, "accept", DecisionSource.Client, CancellationToken.None);
        }

        var units = (await quotas.FindAsync(person, Template, CancellationToken.None))!.Remaining;
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => quotas.ClaimWithUnitAsync(Pending(person, $"e{i}"), Template, CancellationToken.None)));

        Assert.InRange(units, 1, 3);
        Assert.Equal(units, claims.Count(c => c.Record is not null));
        Assert.Equal(8 - units, claims.Count(c => c.NoUnit));
        Assert.Equal(0, (await quotas.FindAsync(person, Template, CancellationToken.None))!.Remaining);
    }

    private DeliveryRecord Pending(string person, string eventId) =>
        DeliveryFakes.NewRecord(person, eventId, DeliveryStatus.Pending, Scope.Time.GetUtcNow(), Scope.Get<IOptions<NotificationsOptions>>().Value.DeliveryRetention)
        with { LeaseUntil = Scope.Time.GetUtcNow() + DeliveryClaim.LeaseTime };
}
