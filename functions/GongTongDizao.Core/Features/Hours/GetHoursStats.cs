using System.Globalization;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>The statistics query as it arrives: the node (default: the caller's first scope root) and the period (RFC 3339; default the last 30 days).</summary>
public sealed record HoursStatsQuery(string? OrgId, string? From, string? To);

/// <summary>Volunteer hours per node and period for staff whose scope covers the node (<see cref="HoursStatistics"/>).</summary>
public sealed class GetHoursStats(HoursLedger ledger, OrgDirectory orgs, Authorizer authorizer, TimeProvider time)
{
    public async Task<Result<HoursStats>> HandleAsync(Caller caller, HoursStatsQuery query, CancellationToken cancellationToken)
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

        var entries = new List<HoursEntry>();
        await foreach (var entry in ledger.InSubtreeAsync(org.Id, from, to, cancellationToken))
        {
            entries.Add(entry);
        }

        return HoursStatistics.Compute(org.Id, from, to, HoursRecords.Fold(entries));
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
