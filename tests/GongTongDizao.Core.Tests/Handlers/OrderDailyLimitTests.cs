using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>The daily order limit's conditional patch against the emulator: never more slots than the limit, however many ask at once.</summary>
[Collection(HandlersCollection.Name)]
public sealed class OrderDailyLimitTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task Twelve_placements_at_once_take_exactly_the_three_slots_of_the_day()
    {
        var limit = Scope.Get<OrderDailyLimit>();
        var userId = $"u{Guid.NewGuid():N}";

        // All twelve find no counter for the day: one creates it, the others count on it or find it full.
        var taken = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => limit.TryTakeAsync(userId, "2026-12-07", 3, CancellationToken.None)));

        Assert.Equal(3, taken.Count(t => t));
        Assert.False(await limit.TryTakeAsync(userId, "2026-12-07", 3, CancellationToken.None));
        Assert.True(await limit.TryTakeAsync(userId, "2026-12-08", 3, CancellationToken.None));
    }

    [Fact]
    public async Task A_limit_of_zero_takes_nothing_and_stores_nothing_to_take_later()
    {
        var limit = Scope.Get<OrderDailyLimit>();
        var userId = $"u{Guid.NewGuid():N}";

        Assert.False(await limit.TryTakeAsync(userId, "2026-12-07", 0, CancellationToken.None));
        Assert.True(await limit.TryTakeAsync(userId, "2026-12-07", 1, CancellationToken.None));
        Assert.False(await limit.TryTakeAsync(userId, "2026-12-07", 1, CancellationToken.None));
    }
}
