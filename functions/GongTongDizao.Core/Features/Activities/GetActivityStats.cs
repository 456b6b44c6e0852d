using System.Globalization;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>The statistics query as it arrives: the node (default: the caller's first scope root) and the period (RFC 3339; default the last 30 days).</summary>
public sealed record ActivityStatsQuery(string? OrgId, string? From, string? To);

/// <summary>The activities' numbers per node and period for youth-league and women's-federation staff in scope (<see cref="ActivityStatistics"/>).</summary>
public sealed class GetActivityStats(RosterStore rosters, OrgDirectory orgs, Authorizer authorizer, TimeProvider time)
{
    public async Task<Result<ActivityStats>> HandleAsync(Caller caller, ActivityStatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var roots = Authorizer.ScopeRoots(caller.User, Permission.OrganiseActivities);
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
        if (await orgs.FindAsync(orgId, cancellationToken) is not { } org || !await authorizer.CanAsync(caller.User, Permission.OrganiseActivities, org.Id, cancellationToken))
        {
            return Error.Forbidden("只能查看本人辖区的统计");
        }

        var sessions = await FeedReads.ToListAsync(rosters.StartedInAsync(org.Id, from, to, cancellationToken), cancellationToken);
        return ActivityStatistics.Compute(org.Id, from, to, now, sessions);
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
