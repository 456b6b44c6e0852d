using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Topics;

/// <summary>Statistics and the showcase ranking over a fixture of community counters under two streets.</summary>
public sealed class DeliberationStatisticsTests
{
    private static readonly string[] s_streetA = ["42", "4201", "420106", "420106001"];
    private static readonly string[] s_streetB = ["42", "4201", "420106", "420106008"];

    private static readonly CommunityYearStats[] s_fixture =
    [
        Row("420106001001", s_streetA, proposed: 12, held: 6, done: 4, evaluations: 10, ratings: 45, participations: 120),
        Row("420106001002", s_streetA, proposed: 5, held: 3, done: 1, evaluations: 2, ratings: 10, participations: 30),
        Row("420106008001", s_streetB, proposed: 9, held: 5, done: 4, evaluations: 8, ratings: 24, participations: 60),
        Row("420106008002", s_streetB, proposed: 2, held: 1, done: 0, evaluations: 0, ratings: 0, participations: 8),
    ];

    [Fact]
    public void Totals_add_up_counters_and_average_satisfaction_is_weighted_by_ratings()
    {
        var totals = DeliberationStatistics.Sum(s_fixture);

        Assert.Equal(28, totals.TopicsProposed);
        Assert.Equal(15, totals.DeliberationsHeld);
        Assert.Equal(9, totals.DeedsDone);
        Assert.Equal(20, totals.Evaluations);
        Assert.Equal(3.95, totals.AverageSatisfaction);
        Assert.Equal(218, totals.Participations);
    }

    [Fact]
    public void Each_child_subtree_gets_its_own_rows()
    {
        OrgUnit[] streets =
        [
            new() { Id = "420106001", Name = "中华路街道", Level = OrgLevel.Street, ParentId = "420106", Path = ["42", "4201", "420106"] },
            new() { Id = "420106008", Name = "积玉桥街道", Level = OrgLevel.Street, ParentId = "420106", Path = ["42", "4201", "420106"] },
        ];

        var parts = DeliberationStatistics.ByChild(s_fixture, streets);

        Assert.Equal(9, parts[0].Totals.DeliberationsHeld);
        Assert.Equal(5, parts[0].Totals.DeedsDone);
        Assert.Equal(4.58, parts[0].Totals.AverageSatisfaction);
        Assert.Equal(6, parts[1].Totals.DeliberationsHeld);
        Assert.Equal(4, parts[1].Totals.DeedsDone);
        Assert.Equal(3.0, parts[1].Totals.AverageSatisfaction);
    }

    [Fact]
    public void The_score_follows_the_documented_formula()
    {
        // 4×4 + 2×6 + 10×((4.5−1)/4) + 3×ln(121) = 16 + 12 + 8.75 + 14.387… = 51.14
        Assert.Equal(51.14, DeliberationStatistics.Score(s_fixture[0]));

        // Two ratings are too few to count: 4×1 + 2×3 + 0 + 3×ln(31) = 20.30
        Assert.Equal(20.30, DeliberationStatistics.Score(s_fixture[1]));
    }

    [Fact]
    public void The_ranking_needs_a_deed_done_orders_by_score_and_respects_the_limit()
    {
        var ranking = DeliberationStatistics.Rank(s_fixture, id => id == "420106001001" ? "昙华林社区" : id, 100);

        Assert.Equal(["420106001001", "420106008001", "420106001002"], ranking.Select(r => r.CommunityId));
        Assert.Equal([1, 2, 3], ranking.Select(r => r.Rank));
        Assert.Equal("昙华林社区", ranking[0].CommunityName);
        Assert.Equal(4.5, ranking[0].AverageSatisfaction);
        Assert.Single(DeliberationStatistics.Rank(s_fixture, id => id, 1));
    }

    [Fact]
    public void Equal_scores_are_broken_by_deeds_then_deliberations_then_id()
    {
        var a = Row("b-community", s_streetA, proposed: 0, held: 2, done: 1, evaluations: 0, ratings: 0, participations: 0);
        var b = Row("a-community", s_streetA, proposed: 0, held: 2, done: 1, evaluations: 0, ratings: 0, participations: 0);

        var ranking = DeliberationStatistics.Rank([a, b], id => id, 100);

        Assert.Equal(["a-community", "b-community"], ranking.Select(r => r.CommunityId));
    }

    [Fact]
    public void The_statistical_year_runs_in_China_time()
    {
        Assert.Equal(2027, ChinaTime.YearOf(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero)));
        Assert.Equal(2026, ChinaTime.YearOf(new DateTimeOffset(2026, 12, 31, 15, 59, 0, TimeSpan.Zero)));
    }

    private static CommunityYearStats Row(string id, string[] ancestors, long proposed, long held, long done, long evaluations, long ratings, long participations) => new()
    {
        Id = CommunityYearStats.IdFor(2026),
        OrgId = id,
        Year = 2026,
        Path = [.. ancestors, id],
        TopicsProposed = proposed,
        DeliberationsHeld = held,
        DeedsDone = done,
        Evaluations = evaluations,
        RatingSum = ratings,
        Participations = participations,
    };
}
