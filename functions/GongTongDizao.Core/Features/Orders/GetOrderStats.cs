using System.Globalization;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Features.Volunteers;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>The statistics query as it arrives: the node (default: the caller's first scope root) and the period (RFC 3339; default the last 30 days).</summary>
public sealed record OrderStatsQuery(string? OrgId, string? From, string? To);

/// <summary>The league's numbers per node and period for youth-league staff in scope (<see cref="OrderStatistics"/>).</summary>
public sealed class GetOrderStats(OrderStore store, TeamStore teams, OrgDirectory orgs, Authorizer authorizer, TimeProvider time)
{
    public async Task<Result<OrderStats>> HandleAsync(Caller caller, OrderStatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var roots = Authorizer.ScopeRoots(caller.User, Permission.RunVolunteerService);
        if (roots.Count == 0)
        {
            return Error.Forbidden();
        }

        var now = time.GetUtcNow();
        if (!TryInstant(query.To, now, out var to))
        {
            return Error.Validation("to", "时间格式无效");
        }

        if (!TryInstant(query.From, to.AddDays(-30), out var from) || from >= to)
        {
            return Error.Validation("from", "开始时间须早于结束时间");
        }

        var orgId = string.IsNullOrEmpty(query.OrgId) ? roots[0] : query.OrgId;
        if (await orgs.FindAsync(orgId, cancellationToken) is not { } org || !await authorizer.CanAsync(caller.User, Permission.RunVolunteerService, org.Id, cancellationToken))
        {
            return Error.Forbidden("只能查看本人辖区的统计");
        }

        var facts = new List<OrderFacts>();
        await foreach (var fact in store.FactsAsync(org.Id, from, to, cancellationToken))
        {
            facts.Add(fact);
        }

        var inSubtree = new List<Team>();
        await foreach (var team in teams.ServingAsync(org.Id, [org.Id], cancellationToken))
        {
            inSubtree.Add(team);
        }

        return OrderStatistics.Compute(org.Id, from, to, facts, inSubtree);
    }

    private static bool TryInstant(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value) && text.Contains('T', StringComparison.Ordinal);
    }
}
