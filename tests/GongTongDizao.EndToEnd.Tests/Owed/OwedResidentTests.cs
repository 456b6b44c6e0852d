using System.Globalization;
using System.Text.RegularExpressions;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.EndToEnd.Tests.Letters;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Owed;

/// <summary>Issue 21: partial preferences, the categories, honest rates, a complete export, and messages without routes.</summary>
[Collection(OwedCollection.Name)]
public sealed partial class OwedResidentTests(OwedFixture host)
{
    [Fact]
    public async Task Changing_one_notification_switch_keeps_the_others()
    {
        var (token, _) = await host.NewResidentAsync();

        var (first, firstView) = await host.SendAsync(HttpMethod.Put, "api/me/preferences", token, new { youth = true });
        var (second, secondView) = await host.SendAsync(HttpMethod.Put, "api/me/preferences", token, new { all = true });
        var (third, thirdView) = await host.SendAsync(HttpMethod.Put, "api/me/preferences", token, new { youth = false, women = true });
        var (empty, problem) = await host.SendAsync(HttpMethod.Put, "api/me/preferences", token, new { });
        var (_, read) = await host.SendAsync(HttpMethod.Get, "api/me/preferences", token);

        Assert.Equal((200, true, false, false), (first, firstView.GetProperty("youth").GetBoolean(), firstView.GetProperty("women").GetBoolean(), firstView.GetProperty("all").GetBoolean()));
        Assert.Equal((200, true, false, true), (second, secondView.GetProperty("youth").GetBoolean(), secondView.GetProperty("women").GetBoolean(), secondView.GetProperty("all").GetBoolean()));
        Assert.Equal((200, false, true, true), (third, thirdView.GetProperty("youth").GetBoolean(), thirdView.GetProperty("women").GetBoolean(), thirdView.GetProperty("all").GetBoolean()));
        Assert.Equal(400, empty);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.Equal((false, true, true), (read.GetProperty("youth").GetBoolean(), read.GetProperty("women").GetBoolean(), read.GetProperty("all").GetBoolean()));
    }

    [Fact]
    public async Task The_letter_categories_come_in_the_pickers_order_with_their_labels()
    {
        var (token, _) = await host.NewResidentAsync();

        var (status, list) = await host.SendAsync(HttpMethod.Get, "api/letters/categories", token);

        Assert.Equal(200, status);
        var items = list.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("code").GetString(), i.GetProperty("label").GetString())).ToArray();
        Assert.Equal(
            [("employment", "创业就业"), ("integration", "社会融入"), ("housing", "住房保障"), ("daily_life", "生活烦恼"), ("childcare", "假日托管"), ("volunteering", "志愿服务"), ("other", "其他")],
            items);
    }

    /// <summary>
    /// Eight letters of March 2025 whose deadlines lie around now. By hand: received 7 (the held one never reached staff);
    /// withdrawn and duplicate left out (2); due for acceptance: closed, overdue-unaccepted, accepted-late, replied = 4,
    /// accepted on time 2 → 响应率 0.5 (the old formula said 3 / 7 = 0.4286, counting the letter still in its window and the
    /// withdrawn one); due for a reply: closed, replied, accepted-late with its reply deadline passed = 3, on time 2 →
    /// 0.6667; evaluated 2, resolved 1, rated 4–5 1 → 解决率 0.5, 满意率 0.5.
    /// </summary>
    [Fact]
    public async Task Rates_count_only_letters_whose_deadline_passed_or_that_were_handled_and_leave_out_withdrawn_and_duplicates()
    {
        var (street, community, _) = await host.ImportStreetAsync();
        var (staff, _) = await host.NewStaffAsync(community, "youthLeagueWorker", street);
        var store = host.Services.GetRequiredService<LetterStore>();
        var path = new[] { "42", "4201", "420106", street, community };
        var march = new DateTimeOffset(2025, 3, 5, 2, 0, 0, TimeSpan.Zero);
        var now = host.Time.GetUtcNow();
        var (past, future) = (now.AddDays(-1), now.AddDays(2));

        await AddAsync(store, path, march, LetterStatus.Closed, true, (past, past), (3600, true), (7200, true), (true, 5));
        await AddAsync(store, path, march, LetterStatus.Submitted, true, (future, future), null, null, null);
        await AddAsync(store, path, march, LetterStatus.Submitted, true, (past, future), null, null, null);
        await AddAsync(store, path, march, LetterStatus.Withdrawn, true, (past, past), (3600, true), null, null);
        await AddAsync(store, path, march, LetterStatus.Duplicate, true, (past, past), null, null, null);
        await AddAsync(store, path, march, LetterStatus.InProgress, true, (past, past), (300_000, false), null, null);
        await AddAsync(store, path, march, LetterStatus.Closed, true, (past, past), (1800, true), (90_000, true), (false, 3));
        await AddAsync(store, path, march, LetterStatus.Held, false, (null, null), null, null, null);

        var (status, stats) = await host.SendAsync(HttpMethod.Get, $"api/staff/letters/stats?orgId={community}&from=2025-03-01&to=2025-03-31", staff);

        Assert.True(status == 200, stats.ToString());
        Assert.Equal(8, stats.GetProperty("total").GetInt64());
        Assert.Equal(7, stats.GetProperty("received").GetInt64());
        Assert.Equal(2, stats.GetProperty("excluded").GetInt64());
        Assert.Equal(4, stats.GetProperty("dueForAcceptance").GetInt64());
        Assert.Equal(2, stats.GetProperty("acceptedOnTime").GetInt64());
        Assert.Equal(0.5, stats.GetProperty("responseRate").GetDouble());
        Assert.Equal(3, stats.GetProperty("dueForReply").GetInt64());
        Assert.Equal(2, stats.GetProperty("repliedOnTime").GetInt64());
        Assert.Equal(0.6667, stats.GetProperty("onTimeReplyRate").GetDouble());
        Assert.Equal(2, stats.GetProperty("evaluated").GetInt64());
        Assert.Equal(0.5, stats.GetProperty("resolutionRate").GetDouble());
        Assert.Equal(0.5, stats.GetProperty("satisfactionRate").GetDouble());
    }

    [Fact]
    public async Task A_letter_without_a_home_community_is_refused_in_words_a_resident_understands_and_no_message_names_a_route()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");

        var (status, problem) = await host.SendAsync(HttpMethod.Post, "api/letters", token, new { category = "other", title = "咨询", content = "请问社区活动室几点开放？" });

        Assert.Equal(400, status);
        var message = problem.GetProperty("errors").GetProperty("homeCommunityId")[0].GetString()!;
        Assert.Contains("“我的”", message, StringComparison.Ordinal);
        Assert.DoesNotMatch(RouteLike(), message);
        // Every zh-CN message the app (Core, Functions) or the error catalogue can show a resident: none names a route.
        var offenders = new[] { "functions/GongTongDizao.Core", "functions/GongTongDizao.Functions" }
            .SelectMany(folder => Directory.EnumerateFiles(RepoFolders.Find(folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Path.Combine(RepoFolders.Find("miniprogram-contract"), "errors.json"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && ChineseLiteral().Matches(x.line).Any(m => RouteLike().IsMatch(m.Value)))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [GeneratedRegex(@"\b(GET|POST|PUT|DELETE|PATCH)\s+/|/api/|/me\b")]
    private static partial Regex RouteLike();

    [GeneratedRegex("\"[^\"]*\\p{IsCJKUnifiedIdeographs}[^\"]*\"")]
    private static partial Regex ChineseLiteral();

    private static Task AddAsync(
        LetterStore store,
        string[] path,
        DateTimeOffset createdAt,
        LetterStatus status,
        bool received,
        (DateTimeOffset? AcceptBy, DateTimeOffset? ReplyBy) deadlines,
        (long Seconds, bool OnTime)? accept,
        (long Seconds, bool OnTime)? reply,
        (bool Resolved, int Satisfaction)? evaluation) =>
        StatsLetters.AddAsync(
            store,
            path,
            createdAt,
            status,
            received,
            accept,
            reply,
            evaluation,
            new StatsLetterShape("u-owed-stats", LetterCategory.DailyLife, "统计样本" + createdAt.ToString("O", CultureInfo.InvariantCulture), new LetterDeadlines { AcceptBy = deadlines.AcceptBy, ReplyBy = deadlines.ReplyBy }));
}
