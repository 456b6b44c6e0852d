using System.Globalization;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>Statistics over an org subtree, read from the per-community yearly counters (never from topics).</summary>
public sealed class GetDeliberationStats(TopicStatsStore stats, OrgDirectory orgs, TimeProvider time)
{
    public async Task<Result<DeliberationStatsView>> DeliberationAsync(string? orgId, string? year, CancellationToken cancellationToken)
    {
        var query = await ParseAsync(orgId, year, cancellationToken);
        if (!query.IsSuccess)
        {
            return query.Error;
        }

        var (org, y) = query.Value;
        var rows = await RowsAsync(org.Id, y, cancellationToken);
        return new DeliberationStatsView(org.Id, org.Name, y, DeliberationStatistics.Sum(rows), DeliberationStatistics.ByChild(rows, await orgs.ChildrenAsync(org.Id, cancellationToken)));
    }

    public async Task<Result<ShowcaseView>> ShowcaseAsync(string? orgId, string? year, string? limit, CancellationToken cancellationToken)
    {
        var query = await ParseAsync(orgId, year, cancellationToken);
        if (!query.IsSuccess)
        {
            return query.Error;
        }

        var size = DeliberationStatistics.ShowcaseSize;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > DeliberationStatistics.ShowcaseSize))
        {
            return Error.Validation("limit", $"须在 1 到 {DeliberationStatistics.ShowcaseSize} 之间");
        }

        var (org, y) = query.Value;
        var rows = await RowsAsync(org.Id, y, cancellationToken);
        var all = await orgs.AllAsync(cancellationToken);
        var names = all.Where(o => o.Level == OrgLevel.Community).ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal);
        return new ShowcaseView(org.Id, y, DeliberationStatistics.Formula, DeliberationStatistics.Rank(rows, id => names.GetValueOrDefault(id, id), size));
    }

    private async Task<List<CommunityYearStats>> RowsAsync(string orgId, int year, CancellationToken cancellationToken)
    {
        var rows = new List<CommunityYearStats>();
        await foreach (var row in stats.WithinAsync(orgId, year, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<Result<(OrgUnit Org, int Year)>> ParseAsync(string? orgId, string? year, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(orgId))
        {
            return Error.Validation("orgId", "请指定组织");
        }

        var org = await orgs.FindAsync(orgId, cancellationToken);
        if (org is null)
        {
            return Error.NotFound();
        }

        var y = ChinaTime.YearOf(time.GetUtcNow());
        if (!string.IsNullOrEmpty(year) && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) || y is < 2000 or > 2100))
        {
            return Error.Validation("year", "年份无效");
        }

        return (org, y);
    }
}
