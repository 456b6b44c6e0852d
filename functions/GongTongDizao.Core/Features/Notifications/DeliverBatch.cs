using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The <c>delivery-batches</c> queue consumer: each recipient's delivery goes through <see cref="DeliverNotification"/>
/// exactly as its own message would, all of the batch side by side. A repeated batch (a crash, a retry) is harmless:
/// each delivery's claim lets it send once. One recipient's failure must not hold the others back or send them again,
/// so a delivery that throws goes on alone as a message of its own on the <c>deliveries</c> queue, which retries it
/// and finally poisons it; only when that cannot be queued does the batch itself fail and come back.
/// </summary>
public sealed partial class DeliverBatch(DeliverNotification deliver, DeliveryQueue queue, ILogger<DeliverBatch> logger)
{
    /// <summary>The records the batch's deliveries left, null for each that was a duplicate or went on alone.</summary>
    public async Task<DeliveryRecord?[]> HandleAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return await Task.WhenAll(batch.Deliveries().Select(message => DeliverOrHandOnAsync(message, cancellationToken)));
    }

    private async Task<DeliveryRecord?> DeliverOrHandOnAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await deliver.HandleAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandedOn(logger, message.EventId, ex.GetType().Name);
            await queue.SendAsync(message, delay: null, cancellationToken);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery of event {EventId} failed in its batch ({Error}) and goes on as a message of its own")]
    private static partial void LogHandedOn(ILogger logger, string eventId, string error);
}
