using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>The statistics query as it arrives: the node (default: the caller's first scope root) and the period (RFC 3339; default the last 30 days).</summary>
public sealed record HoursStatsQuery(string? OrgId, string? From, string? To);

/// <summary>Volunteer hours per node and period for staff whose scope covers the node (<see cref="HoursStatistics"/>).</summary>
public sealed class GetHoursStats(HoursLedger ledger, StatsScope scope)
{
    public async Task<Result<HoursStats>> HandleAsync(Caller caller, HoursStatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var window = await scope.ResolveAsync(caller, Permission.OrganiseActivities, query.OrgId, query.From, query.To, cancellationToken);
        if (!window.IsSuccess)
        {
            return window.Error;
        }

        var (org, from, to, _) = window.Value;
        var entries = await FeedReads.ToListAsync(ledger.InSubtreeAsync(org.Id, from, to, cancellationToken), cancellationToken);

        return HoursStatistics.Compute(org.Id, from, to, HoursRecords.Fold(entries));
    }
}
