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

    public required string EventId { get; init; }

    public required string TemplateKey { get; init; }

    public required string EntityType { get; init; }

    public required string EntityId { get; init; }

    public string? Page { get; init; }

    public required NotificationContent Content { get; init; }

    public string? BroadcastId { get; init; }

    public required IReadOnlyList<string> UserIds { get; init; }

    /// <summary>The batches that carry <paramref name="userIds"/>' deliveries of <paramref name="notice"/>.</summary>
    public static IEnumerable<DeliveryBatch> For(Notice notice, IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return userIds.Chunk(MaxRecipients).Select(chunk => new DeliveryBatch
        {
            EventId = notice.Event.Id,
            TemplateKey = notice.Route.TemplateKey,
            EntityType = notice.Event.EntityType,
            EntityId = notice.Event.EntityId,
            Page = notice.Page,
            Content = notice.Content,
            BroadcastId = notice.BroadcastId,
            UserIds = chunk,
        });
    }

    /// <summary>
    /// Each recipient's delivery, as a delivery message of its own would carry it. The page read every recipient's
    /// quota and found a unit or subscription (<see cref="DeliveryMessage.QuotaSeen"/>).
    /// </summary>
    public IEnumerable<DeliveryMessage> Deliveries() => UserIds.Select(userId => new DeliveryMessage
    {
        EventId = EventId,
        UserId = userId,
        TemplateKey = TemplateKey,
        EntityType = EntityType,
        EntityId = EntityId,
        Page = Page,
        Content = Content,
        BroadcastId = BroadcastId,
        QuotaSeen = true,
    });
}
