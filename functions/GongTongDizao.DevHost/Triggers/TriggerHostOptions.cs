namespace GongTongDizao.DevHost.Triggers;

/// <summary>What a <see cref="TriggerHost"/> listens with.</summary>
public sealed class TriggerHostOptions
{
    /// <summary>The storage account of the queues (AzureWebJobsStorage); also used for any other queue connection name.</summary>
    public required string StorageConnectionString { get; init; }

    /// <summary>
    /// The app's host.json: <c>extensions.queues</c> (batchSize, newBatchThreshold, maxPollingInterval, visibilityTimeout,
    /// maxDequeueCount, messageEncoding) is read as the Functions host reads it, and <c>logging.logLevel</c> filters the
    /// listener's own log lines. A missing file means the runtime defaults.
    /// </summary>
    public required string HostJsonPath { get; init; }

    /// <summary>App settings: <c>%Name%</c> in a queue name or a schedule resolves against these.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>A local switch: when set, every timer runs at this interval instead of on its NCRONTAB schedule.</summary>
    public TimeSpan? TimerInterval { get; init; }

    /// <summary>The clock timer statuses are stamped with (the host's local time, as the timer extension uses).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
