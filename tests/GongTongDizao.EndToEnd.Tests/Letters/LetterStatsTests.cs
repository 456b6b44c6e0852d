using System.Globalization;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Letters;

/// <summary>Statistics against a hand-computed fixture in a fresh community imported for the test.</summary>
[Collection(LettersCollection.Name)]
public sealed class LetterStatsTests(LettersFixture host)
{
    [Fact]
    public async Task Stats_of_a_community_equal_the_hand_computed_counts_rates_and_medians()
    {
        var community = "420106001" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var (imported, _) = await host.SendAsync(HttpMethod.Post, "api/manage/orgs/import", body: new { orgs = new[] { new { id = community, name = "统计测试社区", level = "community", parentId = LettersFixture.Street } } }, functionKey: DevHostFixture.FunctionKey);
        Assert.Equal(200, imported);
        var store = host.Services.GetRequiredService<LetterStore>();
        var path = new[] { "42", "4201", "420106", LettersFixture.Street, community };
        var march = new DateTimeOffset(2025, 3, 5, 2, 0, 0, TimeSpan.Zero);

        // status, category, received, accept seconds (on time?), reply seconds (on time?), evaluation (resolved, satisfaction)
        await AddAsync(store, path, march, LetterStatus.Closed, LetterCategory.Employment, true, (3600, true), (36000, true), (true, 5));
        await AddAsync(store, path, march.AddDays(1), LetterStatus.Closed, LetterCategory.Employment, true, (7200, true), (180000, true), (false, 2));
        await AddAsync(store, path, march.AddDays(2), LetterStatus.Replied, LetterCategory.Housing, true, (108000, false), (700000, false), null);
        await AddAsync(store, path, march.AddDays(3), LetterStatus.InProgress, LetterCategory.DailyLife, true, (14400, true), null, null);
        await AddAsync(store, path, march.AddDays(4), LetterStatus.Submitted, LetterCategory.DailyLife, true, null, null, null);
        await AddAsync(store, path, march.AddDays(5), LetterStatus.Held, LetterCategory.Other, false, null, null, null);
        await AddAsync(store, path, march.AddDays(6), LetterStatus.Withdrawn, LetterCategory.Other, true, null, null, null);
        // Outside the period: must not count.
        await AddAsync(store, path, new DateTimeOffset(2025, 4, 15, 0, 0, 0, TimeSpan.Zero), LetterStatus.Closed, LetterCategory.Employment, true, (60, true), (120, true), (true, 5));
        var staff = await host.YouthWorkerAsync();

        var (status, stats) = await host.SendAsync(HttpMethod.Get, $"api/staff/letters/stats?orgId={community}&from=2025-03-01&to=2025-03-31", staff);
        var (streetStatus, street) = await host.SendAsync(HttpMethod.Get, $"api/staff/letters/stats?orgId={LettersFixture.Street}&from=2025-03-01&to=2025-03-31", staff);
        var (foreign, _) = await host.SendAsync(HttpMethod.Get, "api/staff/letters/stats?orgId=420106008", staff);
        var (resident, _) = await host.SendAsync(HttpMethod.Get, $"api/staff/letters/stats?orgId={community}", (await host.NewResidentAsync()).Token);

        Assert.Equal(200, status);
        Assert.Equal(7, stats.GetProperty("total").GetInt64());
        var byStatus = stats.GetProperty("byStatus");
        Assert.Equal((2, 1, 1, 1, 1, 1, 0), (byStatus.GetProperty("closed").GetInt64(), byStatus.GetProperty("replied").GetInt64(), byStatus.GetProperty("in_progress").GetInt64(),
            byStatus.GetProperty("submitted").GetInt64(), byStatus.GetProperty("held").GetInt64(), byStatus.GetProperty("withdrawn").GetInt64(), byStatus.GetProperty("accepted").GetInt64()));
        var byCategory = stats.GetProperty("byCategory");
        Assert.Equal((2, 1, 2, 2, 0), (byCategory.GetProperty("employment").GetInt64(), byCategory.GetProperty("housing").GetInt64(), byCategory.GetProperty("daily_life").GetInt64(),
            byCategory.GetProperty("other").GetInt64(), byCategory.GetProperty("childcare").GetInt64()));
        Assert.Equal(6, stats.GetProperty("received").GetInt64());
        Assert.Equal(1, stats.GetProperty("excluded").GetInt64());             // the withdrawn letter counts in no rate
        Assert.Equal(4, stats.GetProperty("dueForAcceptance").GetInt64());     // accepted: 2 closed, replied, in progress (the submitted one has no deadline passed)
        Assert.Equal(0.75, stats.GetProperty("responseRate").GetDouble());      // 3 accepted on time / 4 due
        Assert.Equal(3, stats.GetProperty("dueForReply").GetInt64());          // replied: 2 closed, replied
        Assert.Equal(0.6667, stats.GetProperty("onTimeReplyRate").GetDouble()); // 2 replied on time / 3 due
        Assert.Equal(0.5, stats.GetProperty("resolutionRate").GetDouble());     // 1 resolved / 2 evaluated
        Assert.Equal(0.5, stats.GetProperty("satisfactionRate").GetDouble());   // 1 rated 4–5 / 2 evaluated
        Assert.Equal(3.0, stats.GetProperty("medianHoursToAccept").GetDouble()); // 1, 2, 4, 30 h → (2 + 4) / 2
        Assert.Equal(50.0, stats.GetProperty("medianHoursToReply").GetDouble()); // 10, 50, 194.4 h → 50
        Assert.Equal(200, streetStatus);
        Assert.True(street.GetProperty("total").GetInt64() >= 7);
        Assert.Equal(403, foreign);
        Assert.Equal(403, resident);
    }

    private static Task AddAsync(
        LetterStore store,
        string[] path,
        DateTimeOffset createdAt,
        LetterStatus status,
        LetterCategory category,
        bool received,
        (long Seconds, bool OnTime)? accept,
        (long Seconds, bool OnTime)? reply,
        (bool Resolved, int Satisfaction)? evaluation) =>
        StatsLetters.AddAsync(store, path, createdAt, status, received, accept, reply, evaluation, new StatsLetterShape("u-stats-fixture", category, "统计样本"));
}
