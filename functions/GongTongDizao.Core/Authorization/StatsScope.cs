using System.Globalization;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Authorization;

/// <summary>The node and period a staff statistics request covers, once checked.</summary>
public sealed record StatsWindow(OrgUnit Org, DateTimeOffset From, DateTimeOffset To, DateTimeOffset Now);

/// <summary>
/// The one reading of a staff statistics request (orders, activities, hours): the node defaults to the caller's first
/// scope root and must be in their scope for <c>permission</c>; the period is RFC 3339 instants, by default the last
/// 30 days, and must not be empty.
/// </summary>
public sealed class StatsScope(OrgDirectory orgs, Authorizer authorizer, TimeProvider time)
{
    public async Task<Result<StatsWindow>> ResolveAsync(Caller caller, Permission permission, string? orgId, string? from, string? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var roots = Authorizer.ScopeRoots(caller.User, permission);
        if (roots.Count == 0)
        {
            return Error.Forbidden();
        }

        var now = time.GetUtcNow();
        if (!TryInstant(to, now, out var end))
        {
            return Error.Validation("to", "时间格式无效");
        }

        if (!TryInstant(from, end.AddDays(-30), out var start) || start >= end)
        {
            return Error.Validation("from", "开始时间须早于结束时间");
        }

        var nodeId = string.IsNullOrEmpty(orgId) ? roots[0] : orgId;
        if (await orgs.FindAsync(nodeId, cancellationToken) is not { } org || !await authorizer.CanAsync(caller.User, permission, org.Id, cancellationToken))
        {
            return Error.Forbidden("只能查看本人辖区的统计");
        }

        return new StatsWindow(org, start, end, now);
    }

    // A date alone is refused: without a time and offset, "which day" depends on the reader's zone.
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
