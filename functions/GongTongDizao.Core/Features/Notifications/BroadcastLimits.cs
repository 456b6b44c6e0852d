using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The limits a broadcast is sent under: at most <see cref="NotificationsOptions.BroadcastDailyLimitPerOrg"/> per org
/// per Beijing day, and its audience read <see cref="NotificationsOptions.BroadcastPageSize"/> residents per page
/// (fixed when it is created, so every try of a page reads the same residents whichever instance runs it).
/// </summary>
public sealed class BroadcastLimits(BroadcastStore broadcasts, IOptions<NotificationsOptions> options)
{
    public int Limit => options.Value.BroadcastDailyLimitPerOrg;

    public int PageSize => options.Value.BroadcastPageSize;

    /// <summary>Counts one more broadcast of the org on the Beijing day of <paramref name="now"/>; false when the limit is reached.</summary>
    public Task<bool> TryCountAsync(string orgId, DateTimeOffset now, CancellationToken cancellationToken) =>
        broadcasts.TryCountDayAsync(orgId, ChinaTime.DayKey(now), Limit, cancellationToken);

    /// <summary>How long until the count starts again (Beijing midnight).</summary>
    public static TimeSpan RetryAfter(DateTimeOffset now) => ChinaTime.NextMidnight(now) - now;
}
