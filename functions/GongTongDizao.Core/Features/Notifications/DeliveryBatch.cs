namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// One message on the <c>delivery-batches</c> queue: the recipients of one broadcast page who may receive a WeChat
/// message, up to <see cref="MaxRecipients"/> of them, and what each is sent. A page queues these instead of one
/// delivery message a recipient, so the queue, the Functions host and the worker pay once for many deliveries.
/// </summary>
public sealed record DeliveryBatch
{
    /// <summary>
    /// Recipients a message at most. The batch's deliveries run side by side in one invocation; 25 keeps a message far
    /// below the queue's 64 KB and an invocation's concurrent WeChat calls and store requests near what
    /// the single-delivery queue reaches on one instance (batch size 16 plus 8).
    /// </summary>
    public const int MaxRecipients = 25;

    /// <summary>What every recipient's delivery carries, as a message of its own would (its user is the batch's first).</summary>
    public required DeliveryMessage Delivery { get; init; }

    public required IReadOnlyList<string> UserIds { get; init; }

    /// <summary>
    /// The batches that carry <paramref name="userIds"/>' deliveries of <paramref name="notice"/>. The page read every
    /// recipient's quota and found a unit or subscription (<see cref="DeliveryMessage.QuotaSeen"/>).
    /// </summary>
    public static IEnumerable<DeliveryBatch> For(Notice notice, IEnumerable<string> userIds) =>
        userIds.Chunk(MaxRecipients).Select(chunk => new DeliveryBatch
        {
            Delivery = NotifyRecipient.DeliveryFor(notice, chunk[0]) with { QuotaSeen = true },
            UserIds = chunk,
        });

    /// <summary>Each recipient's delivery message.</summary>
    public IEnumerable<DeliveryMessage> Deliveries() => UserIds.Select(userId => Delivery with { UserId = userId });
}
