using GongTongDizao.Core;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Notifications;

namespace GongTongDizao.Functions.Features.Notifications;

/// <summary>
/// The two notification queues. Exceptions propagate so the runtime retries, then poisons the message. Neither takes
/// the invocation's cancellation (the host stopping or scaling in): a message's work is bounded (one page of a
/// broadcast, one delivery), and finishing it sends what comes next (the next page's message), where a cancelled
/// invocation leaves its message leased for the queue listener's 10 minutes and the broadcast waiting with it.
/// </summary>
public sealed class NotificationQueueFunctions(FanOutEvent fanOut, DeliverNotification deliver)
{
    [Function("FanOutEvent")]
    public Task FanOut([QueueTrigger(StoreNames.Queues.Events)] string message) =>
        fanOut.HandleAsync(EventQueue.Parse(message), CancellationToken.None);

    [Function("DeliverNotification")]
    public Task Deliver([QueueTrigger(StoreNames.Queues.Deliveries)] string message) =>
        deliver.HandleAsync(DeliveryQueue.Parse(message), CancellationToken.None);
}
