using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Topics;

public sealed record DeliberationTotals(long TopicsProposed, long DeliberationsHeld, long DeedsDone, long Evaluations, double? AverageSatisfaction, long Participations);

public sealed record DeliberationPart(string OrgId, string OrgName, DeliberationTotals Totals);

/// <summary>"指导开展妇女议事 N 次，办成实事 M 件" for an org subtree and year, with the same for each child node.</summary>
public sealed record DeliberationStatsView(string OrgId, string OrgName, int Year, DeliberationTotals Totals, IReadOnlyList<DeliberationPart> Children);

public sealed record ShowcaseEntry(int Rank, string CommunityId, string CommunityName, double Score, long DeedsDone, long DeliberationsHeld, long Evaluations, double? AverageSatisfaction, long Participations);

public sealed record ShowcaseView(string OrgId, int Year, string Formula, IReadOnlyList<ShowcaseEntry> Items);

/// <summary>
/// Sums and ranks the per-community yearly counters (pure, tested against a fixture). The showcase formula is
/// docs/decisions/0005-showcase-formula.md.
/// </summary>
public static class DeliberationStatistics
{
    public const int ShowcaseSize = 100;

    /// <summary>Ratings below this many do not yet say much about satisfaction, so they add nothing to the score.</summary>
    public const int MinEvaluationsForSatisfaction = 5;

    public const string Formula = "score = 4×办成实事 + 2×议事次数 + 10×满意度系数 + 3×ln(1+参与人次)；满意度系数 = (平均评分−1)/4，评价不足 5 条时为 0；至少办成 1 件实事才参与排名";

    public static DeliberationTotals Sum(IEnumerable<CommunityYearStats> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long proposed = 0, held = 0, done = 0, evaluations = 0, ratings = 0, participations = 0;
        foreach (var row in rows)
        {
            proposed += row.TopicsProposed;
            held += row.DeliberationsHeld;
            done += row.DeedsDone;
            evaluations += row.Evaluations;
            ratings += row.RatingSum;
            participations += row.Participations;
        }

        return new DeliberationTotals(proposed, held, done, evaluations, Average(ratings, evaluations), participations);
    }

    public static double Score(CommunityYearStats row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var satisfaction = row.Evaluations >= MinEvaluationsForSatisfaction ? ((double)row.RatingSum / row.Evaluations - 1) / 4 : 0;
        return Math.Round((4 * row.DeedsDone) + (2 * row.DeliberationsHeld) + (10 * satisfaction) + (3 * Math.Log(1 + Math.Max(0, row.Participations))), 2);
    }

    /// <summary>The eligible communities by score, ties broken by deeds done, then deliberations held, then id.</summary>
    public static IReadOnlyList<ShowcaseEntry> Rank(IEnumerable<CommunityYearStats> rows, Func<string, string> nameOf, int limit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(nameOf);
        return [.. rows
            .Where(r => r.DeedsDone >= 1)
            .Select(r => (Row: r, Score: Score(r)))
            .OrderByDescending(x => x.Score).ThenByDescending(x => x.Row.DeedsDone).ThenByDescending(x => x.Row.DeliberationsHeld).ThenBy(x => x.Row.OrgId, StringComparer.Ordinal)
            .Take(limit)
            .Select((x, i) => new ShowcaseEntry(i + 1, x.Row.OrgId, nameOf(x.Row.OrgId), x.Score, x.Row.DeedsDone, x.Row.DeliberationsHeld, x.Row.Evaluations, Average(x.Row.RatingSum, x.Row.Evaluations), x.Row.Participations))];
    }

    /// <summary>Splits a subtree's rows among the children of its root (a row belongs to the child on its path).</summary>
    public static IReadOnlyList<DeliberationPart> ByChild(IReadOnlyList<CommunityYearStats> rows, IReadOnlyList<OrgUnit> children)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(children);
        return [.. children.Select(c => new DeliberationPart(c.Id, c.Name, Sum(rows.Where(r => r.OrgId == c.Id || r.Path.Contains(c.Id)))))];
    }

    private static double? Average(long sum, long count) => count == 0 ? null : Math.Round((double)sum / count, 2);
}
