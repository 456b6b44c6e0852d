using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>The statistics query as it arrives: the node (default: the caller's first scope root) and the period (RFC 3339; default the last 30 days).</summary>
public sealed record ActivityStatsQuery(string? OrgId, string? From, string? To);

/// <summary>The activities' numbers per node and period for youth-league and women's-federation staff in scope (<see cref="ActivityStatistics"/>).</summary>
public sealed class GetActivityStats(RosterStore rosters, StatsScope scope)
{
    public async Task<Result<ActivityStats>> HandleAsync(Caller caller, ActivityStatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var window = await scope.ResolveAsync(caller, Permission.OrganiseActivities, query.OrgId, query.From, query.To, cancellationToken);
        if (!window.IsSuccess)
        {
            return window.Error;
        }

        var (org, from, to, now) = window.Value;
        var sessions = await FeedReads.ToListAsync(rosters.StartedInAsync(org.Id, from, to, cancellationToken), cancellationToken);
        return ActivityStatistics.Compute(org.Id, from, to, now, sessions);
    }
}
