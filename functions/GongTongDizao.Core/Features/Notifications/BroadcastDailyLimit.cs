using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>At most <see cref="NotificationsOptions.BroadcastDailyLimitPerOrg"/> broadcasts per org per Beijing day.</summary>
public sealed class BroadcastDailyLimit(BroadcastStore broadcasts, IOptions<NotificationsOptions> options)
{
    public int Limit => options.Value.BroadcastDailyLimitPerOrg;

    /// <summary>Counts one more broadcast of the org on the Beijing day of <paramref name="now"/>; false when the limit is reached.</summary>
    public Task<bool> TryCountAsync(string orgId, DateTimeOffset now, CancellationToken cancellationToken) =>
        broadcasts.TryCountDayAsync(orgId, ChinaTime.DayKey(now), Limit, cancellationToken);

    /// <summary>How long until the count starts again (Beijing midnight).</summary>
    public static TimeSpan RetryAfter(DateTimeOffset now) => ChinaTime.NextMidnight(now) - now;
}
