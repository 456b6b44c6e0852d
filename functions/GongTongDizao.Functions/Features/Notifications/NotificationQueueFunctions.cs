using GongTongDizao.Core;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>
/// The three notification queues. Exceptions propagate so the runtime retries, then poisons the message. None
/// takes the invocation's cancellation (the host stopping or scaling in): a message's work is bounded (one page of a
/// broadcast, one delivery, one batch of a page's deliveries), and finishing it sends what comes next (the next page's
/// message), where a cancelled invocation leaves its message leased for the queue listener's 10 minutes and the broadcast waiting with it.
/// </summary>
public sealed class NotificationQueueFunctions(FanOutEvent fanOut, DeliverNotification deliver, DeliverBatch deliverBatch)
{
    [Function("FanOutEvent")]
    public Task FanOut([QueueTrigger(StoreNames.Queues.Events)] string message) =>
        fanOut.HandleAsync(EventQueue.Parse(message), CancellationToken.None);

    [Function("DeliverNotification")]
    public Task Deliver([QueueTrigger(StoreNames.Queues.Deliveries)] string message) =>
        deliver.HandleAsync(DeliveryQueue.Parse(message), CancellationToken.None);

    [Function("DeliverBatch")]
    public Task DeliverAll([QueueTrigger(StoreNames.Queues.DeliveryBatches)] string message) =>
        deliverBatch.HandleAsync(DeliveryQueue.ParseBatch(message), CancellationToken.None);
}
