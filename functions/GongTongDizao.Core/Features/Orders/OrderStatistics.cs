using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>Teams of one kind in the subtree, their members, and the volunteers of theirs named on an order of the period.</summary>
public sealed record TeamKindCount(TeamKind Kind, string Label, int Teams, int Members, int ActiveVolunteers);

/// <summary>
/// The league's numbers for one node and period (orders created in it). Each rate counts only orders it can fairly
/// judge, as the letters' rates do (0006): the dispatch rate over approved orders, the take rate over orders offered
/// to teams, on-time over delivered orders, satisfaction (4–5 stars) over rated ones. A rate with nothing to judge is null.
/// </summary>
public sealed record OrderStats(
    string OrgId,
    DateTimeOffset From,
    DateTimeOffset To,
    int Received,
    int Approved,
    int Rejected,
    int Offered,
    int Dispatched,
    int Pooled,
    int Taken,
    int Delivered,
    int Rated,
    double? DispatchRate,
    double? TakeRate,
    long? MedianTakeSeconds,
    long? MedianDeliverSeconds,
    double? OnTimeRate,
    double? SatisfactionRate,
    IReadOnlyList<TeamKindCount> Teams);

/// <summary>Pure arithmetic over the facts the store returns, so a hand count in a unit test can check it.</summary>
public static class OrderStatistics
{
    public static OrderStats Compute(string orgId, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<OrderFacts> orders, IReadOnlyList<Team> teams)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(teams);
        var approved = orders.Count(o => o.Metrics.Approved);
        var offered = orders.Count(o => o.Metrics.OfferedAt is not null);
        var taken = orders.Count(o => o.Metrics.TakenAt is not null);
        var delivered = orders.Where(o => o.Metrics.Delivered).ToList();
        var rated = orders.Where(o => o.Metrics.Stars is not null).ToList();
        var kindOf = teams.ToDictionary(t => t.Id, t => t.Kind, StringComparer.Ordinal);
        var active = orders.Where(o => o.Team is not null && o.Metrics.TakenAt is not null && kindOf.ContainsKey(o.Team.TeamId))
            .SelectMany(o => (o.Volunteers ?? []).Select(v => (Kind: kindOf[o.Team!.TeamId], v.UserId)))
            .Distinct()
            .ToList();
        return new OrderStats(
            orgId,
            from,
            to,
            orders.Count,
            approved,
            orders.Count(o => o.Metrics.Rejected),
            offered,
            orders.Count(o => o.Metrics.Dispatched),
            orders.Count(o => o.Metrics.Pooled),
            taken,
            delivered.Count,
            rated.Count,
            Rate(offered, approved),
            Rate(taken, offered),
            Median([.. orders.Where(o => o.Metrics.TakeSeconds is not null).Select(o => o.Metrics.TakeSeconds!.Value)]),
            Median([.. delivered.Where(o => o.Metrics.DeliverSeconds is not null).Select(o => o.Metrics.DeliverSeconds!.Value)]),
            Rate(delivered.Count(o => o.Metrics.DeliveredOnTime), delivered.Count),
            Rate(rated.Count(o => o.Metrics.Stars >= 4), rated.Count),
            [.. Enum.GetValues<TeamKind>().Select(kind => new TeamKindCount(
                kind,
                TeamKinds.Label(kind),
                teams.Count(t => t.Kind == kind),
                teams.Where(t => t.Kind == kind).Sum(t => t.Members.Count),
                active.Count(a => a.Kind == kind)))]);
    }

    public static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    public static long? Median(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
