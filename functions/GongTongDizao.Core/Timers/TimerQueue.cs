using System.Text.Json;
using Azure.Storage.Queues;

namespace GongTongDizao.Core.Timers;

/// <summary>Schedules <see cref="TimerMessage"/>s as delayed queue messages; no polling of whole containers.</summary>
public class TimerQueue(QueueServiceClient queues, TimeProvider time)
{
    /// <summary>Azure Storage queues accept a visibility delay of at most 7 days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    private readonly QueueClient _timers = queues.GetQueueClient(StoreNames.Queues.Timers);

    public virtual async Task ScheduleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var delay = message.DueAt - time.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        await _timers.SendMessageAsync(BinaryData.FromObjectAsJson(message, JsonDefaults.Options), visibilityTimeout: delay, cancellationToken: cancellationToken);
    }

    public static TimerMessage Parse(string message) =>
        JsonSerializer.Deserialize<TimerMessage>(message, JsonDefaults.Options) ?? throw new JsonException("Empty timer message.");
}
