using System.Text.Json;
using Azure.Storage.Queues;

namespace GongTongDizao.Core.Events;

/// <summary>Sends domain events to the <c>events</c> queue (base64 JSON, as the queue trigger expects).</summary>
public class EventQueue(QueueServiceClient queues)
{
    private readonly QueueClient _events = queues.GetQueueClient(StoreNames.Queues.Events);

    public virtual async Task SendAsync(DomainEvent domainEvent, CancellationToken cancellationToken) =>
        await _events.SendMessageAsync(BinaryData.FromObjectAsJson(domainEvent, JsonDefaults.Options), cancellationToken: cancellationToken);

    public static DomainEvent Parse(string message) =>
        JsonSerializer.Deserialize<DomainEvent>(message, JsonDefaults.Options) ?? throw new JsonException("Empty event message.");
}
