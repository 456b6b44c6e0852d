using GongTongDizao.Core.Features.Orders;
using GongTongDizao.Core.Features.Volunteers;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.Core.Tests.Orders;

/// <summary>The league's numbers on eight orders counted by hand (the same way 0006 checks the letters' rates).</summary>
public sealed class OrderStatisticsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Eight_orders_give_the_hand_counted_numbers()
    {
        var t0 = _time.GetUtcNow();
        var team = new Team { Id = "t1", Name = "青年突击队", Kind = TeamKind.VolunteerTeam, OrgId = "420106001", CreatedBy = "s", CreatedAt = t0, Members = [new("a", "甲", true, t0), new("b", "乙", false, t0), new("c", "丙", false, t0)] };
        var club = new Team { Id = "t2", Name = "读书社", Kind = TeamKind.YouthClub, OrgId = "420106001", CreatedBy = "s", CreatedAt = t0, Members = [new("d", "丁", true, t0)] };
        OrderFacts[] orders =
        [
            // 1 submitted only; 2 rejected; 3 approved, never offered.
            Facts(OrderStatus.Submitted, new OrderMetrics()),
            Facts(OrderStatus.Rejected, new OrderMetrics { Rejected = true }),
            Facts(OrderStatus.Approved, new OrderMetrics { Approved = true }),
            // 4 pooled, returned untaken.
            Facts(OrderStatus.Returned, new OrderMetrics { Approved = true, Pooled = true, OfferedAt = t0 }),
            // 5 dispatched, taken after 600 s, delivered on time after 3600 s, rated 5.
            Facts(OrderStatus.Closed, new OrderMetrics { Approved = true, Dispatched = true, OfferedAt = t0, TakenAt = t0, TakeSeconds = 600, Delivered = true, DeliverSeconds = 3600, DeliveredOnTime = true, Stars = 5 }, "t1", "a", "b"),
            // 6 pooled, taken after 1200 s, delivered late after 7200 s, rated 2.
            Facts(OrderStatus.Reopened, new OrderMetrics { Approved = true, Pooled = true, OfferedAt = t0, TakenAt = t0, TakeSeconds = 1200, Delivered = true, DeliverSeconds = 7200, Stars = 2 }, "t1", "a"),
            // 7 pooled, taken after 300 s, delivered on time after 1800 s, unrated.
            Facts(OrderStatus.Delivered, new OrderMetrics { Approved = true, Pooled = true, OfferedAt = t0, TakenAt = t0, TakeSeconds = 300, Delivered = true, DeliverSeconds = 1800, DeliveredOnTime = true }, "t2", "d"),
            // 8 dispatched, taken after 900 s, not delivered yet.
            Facts(OrderStatus.Taken, new OrderMetrics { Approved = true, Dispatched = true, OfferedAt = t0, TakenAt = t0, TakeSeconds = 900 }, "t1", "c"),
        ];

        var stats = OrderStatistics.Compute("420106001", t0.AddDays(-30), t0, orders, [team, club]);

        Assert.Equal((8, 6, 1), (stats.Received, stats.Approved, stats.Rejected));
        Assert.Equal((5, 2, 3, 4, 3, 2), (stats.Offered, stats.Dispatched, stats.Pooled, stats.Taken, stats.Delivered, stats.Rated));
        Assert.Equal(0.8333, stats.DispatchRate);     // 5 offered of 6 approved
        Assert.Equal(0.8, stats.TakeRate);            // 4 taken of 5 offered
        Assert.Equal(750, stats.MedianTakeSeconds);   // 300 600 | 900 1200
        Assert.Equal(3600, stats.MedianDeliverSeconds); // 1800 3600 7200
        Assert.Equal(0.6667, stats.OnTimeRate);       // 2 of 3 delivered
        Assert.Equal(0.5, stats.SatisfactionRate);    // one 5 of two ratings
        var volunteerTeams = stats.Teams.Single(t => t.Kind == TeamKind.VolunteerTeam);
        Assert.Equal((1, 3, 3), (volunteerTeams.Teams, volunteerTeams.Members, volunteerTeams.ActiveVolunteers));
        var clubs = stats.Teams.Single(t => t.Kind == TeamKind.YouthClub);
        Assert.Equal((1, 1, 1), (clubs.Teams, clubs.Members, clubs.ActiveVolunteers));
    }

    [Fact]
    public void Rates_with_nothing_to_judge_are_null_not_zero()
    {
        var stats = OrderStatistics.Compute("420106001", _time.GetUtcNow().AddDays(-1), _time.GetUtcNow(), [Facts(OrderStatus.Submitted, new OrderMetrics())], []);

        Assert.Equal(1, stats.Received);
        Assert.Null(stats.DispatchRate);
        Assert.Null(stats.TakeRate);
        Assert.Null(stats.SatisfactionRate);
        Assert.Null(stats.MedianTakeSeconds);
    }

    private static OrderFacts Facts(OrderStatus status, OrderMetrics metrics, string? teamId = null, params string[] volunteers) =>
        new(status, metrics, teamId is null ? null : new OrderTeamRef(teamId, teamId), [.. volunteers.Select(v => new OrderVolunteer(v, v))]);
}
