using GongTongDizao.Core;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>The two notification queues. Exceptions propagate so the runtime retries, then poisons the message.</summary>
public sealed class NotificationQueueFunctions(FanOutEvent fanOut, DeliverNotification deliver)
{
    [Function("FanOutEvent")]
    public Task FanOut([QueueTrigger(StoreNames.Queues.Events)] string message, CancellationToken cancellationToken) =>
        fanOut.HandleAsync(EventQueue.Parse(message), cancellationToken);

    [Function("DeliverNotification")]
    public Task Deliver([QueueTrigger(StoreNames.Queues.Deliveries)] string message, CancellationToken cancellationToken) =>
        deliver.HandleAsync(DeliveryQueue.Parse(message), cancellationToken);
}
