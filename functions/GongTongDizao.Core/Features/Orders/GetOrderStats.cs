using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Storage;
using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>The statistics query as it arrives: the node (default: the caller's first scope root) and the period (RFC 3339; default the last 30 days).</summary>
public sealed record OrderStatsQuery(string? OrgId, string? From, string? To);

/// <summary>The league's numbers per node and period for youth-league staff in scope (<see cref="OrderStatistics"/>).</summary>
public sealed class GetOrderStats(OrderStore store, TeamStore teams, StatsScope scope)
{
    public async Task<Result<OrderStats>> HandleAsync(Caller caller, OrderStatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var window = await scope.ResolveAsync(caller, Permission.RunVolunteerService, query.OrgId, query.From, query.To, cancellationToken);
        if (!window.IsSuccess)
        {
            return window.Error;
        }

        var (org, from, to, _) = window.Value;
        var facts = await FeedReads.ToListAsync(store.FactsAsync(org.Id, from, to, cancellationToken), cancellationToken);
        var inSubtree = await FeedReads.ToListAsync(teams.ServingAsync(org.Id, [org.Id], cancellationToken), cancellationToken);

        return OrderStatistics.Compute(org.Id, from, to, facts, inSubtree);
    }
}
