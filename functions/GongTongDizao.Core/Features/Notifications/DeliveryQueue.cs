using System.Text.Json;
using Azure.Storage.Queues;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>Sends delivery messages and broadcast delivery batches (base64 JSON, as the queue trigger expects), a message optionally delayed.</summary>
public class DeliveryQueue(QueueServiceClient queues)
{
    /// <summary>Azure Storage queues accept a visibility delay of at most 7 days.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    private readonly QueueClient _deliveries = queues.GetQueueClient(StoreNames.Queues.Deliveries);
    private readonly QueueClient _batches = queues.GetQueueClient(StoreNames.Queues.DeliveryBatches);

    public virtual async Task SendAsync(DeliveryMessage message, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var visibility = delay is { } d ? (d < TimeSpan.Zero ? TimeSpan.Zero : d > MaxDelay ? MaxDelay : d) : (TimeSpan?)null;
        await _deliveries.SendMessageAsync(BinaryData.FromObjectAsJson(message, JsonDefaults.Options), visibilityTimeout: visibility, cancellationToken: cancellationToken);
    }

    public virtual async Task SendAsync(DeliveryBatch batch, CancellationToken cancellationToken) =>
        await _batches.SendMessageAsync(BinaryData.FromObjectAsJson(batch, JsonDefaults.Options), cancellationToken: cancellationToken);

    public static DeliveryMessage Parse(string message) =>
        JsonSerializer.Deserialize<DeliveryMessage>(message, JsonDefaults.Options) ?? throw new JsonException("Empty delivery message.");

    public static DeliveryBatch ParseBatch(string message) =>
        JsonSerializer.Deserialize<DeliveryBatch>(message, JsonDefaults.Options) ?? throw new JsonException("Empty delivery batch.");
}
