using System.Globalization;
using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>The statistics query string: org (default: the caller's only scope root), and a period (default: the last 30 days).</summary>
public sealed record LetterStatsQuery(string? OrgId, string? From, string? To);

/// <summary>
/// The rates of a 12345 hotline for an org subtree and period (letters created in [from, to)), each over the letters
/// it can fairly judge. "Received" letters reached staff (held-then-rejected ones did not); withdrawn letters and
/// duplicates are left out of every rate (<see cref="Excluded"/>).
/// <list type="bullet">
/// <item>响应率 <see cref="ResponseRate"/> = accepted on time / <see cref="DueForAcceptance"/> (received letters that were
/// accepted, or whose accept deadline has passed: one still inside its window counts for nobody yet).</item>
/// <item>按时答复率 <see cref="OnTimeReplyRate"/> = replied on time / <see cref="DueForReply"/> (replied, or reply deadline passed).</item>
/// <item>解决率 <see cref="ResolutionRate"/> = resolved / evaluated, and 满意率 <see cref="SatisfactionRate"/> = rated 4–5 / evaluated:
/// as the hotline's callback (回访), only the resident says whether it was solved and how well.</item>
/// </list>
/// Rates are null when nothing was there to measure.
/// </summary>
public sealed record LetterStats(
    OrgRef Org,
    DateTimeOffset From,
    DateTimeOffset To,
    long Total,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByCategory,
    long Received,
    long Excluded,
    long DueForAcceptance,
    long DueForReply,
    long AcceptedOnTime,
    long RepliedOnTime,
    long Evaluated,
    long Resolved,
    long Satisfied,
    double? ResponseRate,
    double? OnTimeReplyRate,
    double? ResolutionRate,
    double? SatisfactionRate,
    double? MedianHoursToAccept,
    double? MedianHoursToReply);

/// <summary>
/// Aggregates in the database, never by loading letters: one COUNT query per status, category and rate term over the
/// subtree (single-partition for a community, one cross-partition query on <c>orgPath</c> above that). The medians
/// read one number per accepted/replied letter (a projection), so memory grows by 8 bytes per letter, not by letters.
/// </summary>
public sealed class GetLetterStats(LetterStore store, Authorizer authorizer, OrgDirectory orgs, TimeProvider time)
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(3 * 366);

    private static readonly (string, object)[] s_exclusions = [("@withdrawn", LetterCodes.Of(LetterStatus.Withdrawn)), ("@duplicate", LetterCodes.Of(LetterStatus.Duplicate))];

    public async Task<Result<LetterStats>> HandleAsync(Caller caller, LetterStatsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var org = await ResolveOrgAsync(caller.User, query.OrgId, cancellationToken);
        if (!org.IsSuccess)
        {
            return org.Error;
        }

        var now = time.GetUtcNow();
        var to = ParseInstant(query.To, endOfDay: true);
        var from = ParseInstant(query.From, endOfDay: false);
        if (to is { IsSuccess: false } || from is { IsSuccess: false })
        {
            return Error.Validation(to is { IsSuccess: false } ? "to" : "from", "日期格式应为 2026-11-01 或 ISO 8601 时间");
        }

        var end = to?.Value ?? now;
        var start = from?.Value ?? end - DefaultPeriod;
        if (start >= end || end - start > MaxPeriod)
        {
            return Error.Validation("from", "开始时间须早于结束时间，且跨度不超过 3 年");
        }

        var scope = new LetterStatsScope(org.Value.Id, org.Value.Level == OrgLevel.Community ? org.Value.Id : null, start, end);
        return await ComputeAsync(scope, new OrgRef(org.Value.Id, org.Value.Name), cancellationToken);
    }

    public async Task<LetterStats> ComputeAsync(LetterStatsScope scope, OrgRef org, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Task<long> Count(string condition, params (string, object)[] parameters) => store.CountAsync(scope, condition, parameters, cancellationToken);
        var now = time.GetUtcNow().ToUniversalTime();

        var total = Count("");
        var byStatus = Enum.GetValues<LetterStatus>().Select(s => (LetterCodes.Of(s), Count("c.status = @v", ("@v", LetterCodes.Of(s))))).ToList();
        var byCategory = Enum.GetValues<LetterCategory>().Select(s => (LetterCodes.Of(s), Count("c.category = @v", ("@v", LetterCodes.Of(s))))).ToList();
        var received = Count("c.metrics.received = true");
        var excluded = Count("c.metrics.received = true AND (c.status = @withdrawn OR c.status = @duplicate)", s_exclusions);
        var counted = "c.metrics.received = true AND c.status != @withdrawn AND c.status != @duplicate";
        var dueForAcceptance = Count($"{counted} AND (IS_NUMBER(c.metrics.acceptSeconds) OR c.deadlines.acceptBy <= @now)", [.. s_exclusions, ("@now", now)]);
        var dueForReply = Count($"{counted} AND (IS_NUMBER(c.metrics.replySeconds) OR c.deadlines.replyBy <= @now)", [.. s_exclusions, ("@now", now)]);
        var acceptedOnTime = Count($"{counted} AND c.metrics.acceptedOnTime = true", s_exclusions);
        var repliedOnTime = Count($"{counted} AND c.metrics.repliedOnTime = true", s_exclusions);
        var evaluated = Count($"{counted} AND c.metrics.evaluated = true", s_exclusions);
        var resolved = Count($"{counted} AND c.metrics.evaluated = true AND c.metrics.resolved = true", s_exclusions);
        var satisfied = Count($"{counted} AND c.metrics.evaluated = true AND c.metrics.satisfied = true", s_exclusions);
        var acceptTimes = CollectAsync(store.ValuesAsync(scope, "metrics.acceptSeconds", cancellationToken));
        var replyTimes = CollectAsync(store.ValuesAsync(scope, "metrics.replySeconds", cancellationToken));
        await Task.WhenAll([total, received, excluded, dueForAcceptance, dueForReply, acceptedOnTime, repliedOnTime, evaluated, resolved, satisfied, acceptTimes, replyTimes,
            .. byStatus.Select(s => s.Item2), .. byCategory.Select(c => c.Item2)]);

        return new LetterStats(
            org,
            scope.From,
            scope.To,
            total.Result,
            byStatus.ToDictionary(s => s.Item1, s => s.Item2.Result),
            byCategory.ToDictionary(c => c.Item1, c => c.Item2.Result),
            received.Result,
            excluded.Result,
            dueForAcceptance.Result,
            dueForReply.Result,
            acceptedOnTime.Result,
            repliedOnTime.Result,
            evaluated.Result,
            resolved.Result,
            satisfied.Result,
            LetterStatsMath.Rate(acceptedOnTime.Result, dueForAcceptance.Result),
            LetterStatsMath.Rate(repliedOnTime.Result, dueForReply.Result),
            LetterStatsMath.Rate(resolved.Result, evaluated.Result),
            LetterStatsMath.Rate(satisfied.Result, evaluated.Result),
            LetterStatsMath.MedianHours(acceptTimes.Result),
            LetterStatsMath.MedianHours(replyTimes.Result));
    }

    private async Task<Result<OrgUnit>> ResolveOrgAsync(UserAccount user, string? orgId, CancellationToken cancellationToken)
    {
        var roots = Authorizer.ScopeRoots(user, Permission.HandleLetters);
        if (roots.Count == 0)
        {
            return Error.Forbidden("只有团组织工作人员可以查看统计");
        }

        if (string.IsNullOrEmpty(orgId))
        {
            if (roots.Count > 1)
            {
                return Error.Validation("orgId", "您负责多个组织，请选择一个");
            }

            orgId = roots[0];
        }

        var org = await orgs.FindAsync(orgId, cancellationToken);
        if (org is null)
        {
            return Error.Validation("orgId", "组织不存在");
        }

        return await authorizer.CanAsync(user, Permission.HandleLetters, org.Id, cancellationToken) ? org : Error.Forbidden("该组织不在您的负责范围内");
    }

    /// <summary>A date (China Standard Time; as an end, the whole day is included) or an ISO 8601 instant; null when absent.</summary>
    private static Result<DateTimeOffset>? ParseInstant(string? text, bool endOfDay)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ChinaTime.StartOfDayUtc(endOfDay ? date.AddDays(1) : date);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : Error.Validation("date", "invalid");
    }

    private static async Task<List<long>> CollectAsync(IAsyncEnumerable<long> values)
    {
        var list = new List<long>();
        await foreach (var value in values)
        {
            list.Add(value);
        }

        return list;
    }
}

/// <summary>The arithmetic of the statistics, kept pure so a hand-computed fixture can check it.</summary>
public static class LetterStatsMath
{
    /// <summary>numerator / denominator to four decimals, or null when there is nothing to measure.</summary>
    public static double? Rate(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round((double)numerator / denominator, 4, MidpointRounding.AwayFromZero);

    /// <summary>The median of durations in seconds, in hours to two decimals (the mean of the middle two for an even count).</summary>
    public static double? MedianHours(IReadOnlyList<long> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        if (seconds.Count == 0)
        {
            return null;
        }

        var sorted = seconds.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return Math.Round(median / 3600.0, 2, MidpointRounding.AwayFromZero);
    }
}
