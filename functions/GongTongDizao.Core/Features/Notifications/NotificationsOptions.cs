using System.ComponentModel.DataAnnotations;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>Settings of the Notifications feature (section <c>Notifications</c>, app settings <c>Notifications__*</c>).</summary>
public sealed class NotificationsOptions
{
    public const string SectionName = "Notifications";

    /// <summary>
    /// Template keys the mini-program may use as long-term subscriptions (only some public-service categories get
    /// them from WeChat): one "accept" allows every later send until the user turns it off.
    /// </summary>
    public List<string> LongTermTemplates { get; } = [];

    /// <summary>Broadcasts one org node may send per day (Beijing time).</summary>
    [Range(1, 100)]
    public int BroadcastDailyLimitPerOrg { get; set; } = 3;

    /// <summary>Recipients handled at once by the fan-out of an ordinary event (inbox writes and delivery messages); a broadcast page writes all of its recipients at once, in bulk (<see cref="BroadcastPage"/>).</summary>
    [Range(1, 256)]
    public int FanOutParallelism { get; set; } = 32;

    /// <summary>
    /// Residents a broadcast reads per queue message: each message handles one page and queues the next, so its work
    /// is bounded whatever the audience, and a crash repeats one page, not the broadcast. The pages are read one after
    /// another (each message carries the continuation the page before read), and each link waits for a queue pickup
    /// (up to <c>maxPollingInterval</c>), so fewer, larger pages finish a broadcast sooner: 1,000 (decision 0021)
    /// keeps a page's writes to about ten bulk requests and its message far below a minute of work.
    /// </summary>
    [Range(1, 5000)]
    public int BroadcastPageSize { get; set; } = 1000;

    /// <summary>Sends tried for one delivery when WeChat is busy (-1) or does not answer, before it is marked failed.</summary>
    [Range(1, 20)]
    public int MaxSendAttempts { get; set; } = 6;

    /// <summary>Delay before the second try; each further try waits twice as long.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an inbox item is kept (Cosmos TTL).</summary>
    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How long a delivery record is kept (Cosmos TTL).</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    public bool IsLongTerm(string templateKey) => LongTermTemplates.Contains(templateKey, StringComparer.OrdinalIgnoreCase);
}
