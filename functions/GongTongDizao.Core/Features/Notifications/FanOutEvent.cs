using System.Net;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Orgs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

/// <summary>
/// The <c>events</c> queue consumer: resolves the audience, writes one inbox item per recipient and queues one
/// delivery per recipient, in parallel but never holding the audience. Idempotent by (event id, recipient): the
/// inbox item's id comes from the event id in the recipient's partition, so a redelivered event creates nothing
/// twice, and its deliveries are queued again harmlessly (the delivery record lets only one of them send).
/// Exceptions propagate so the queue retries and finally poisons the message.
/// </summary>
public sealed partial class FanOutEvent(
    CosmosClient cosmos,
    AudienceResolver audiences,
    DeliveryQueue deliveries,
    OrgDirectory orgs,
    IOptions<NotificationsOptions> options,
    TimeProvider time,
    ILogger<FanOutEvent> logger)
{
    private readonly Container _container = cosmos.GetContainer(StoreNames.Database, StoreNames.Containers.Notifications);

    public async Task<int> HandleAsync(DomainEvent domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (EventRoutes.Find(domainEvent.Type) is not { } route)
        {
            LogUnknownEvent(logger, domainEvent.Type, domainEvent.Id);
            return 0;
        }

        var definition = TemplateCatalogue.Definitions[route.TemplateKey];
        var org = await orgs.FindAsync(domainEvent.OrgId, cancellationToken);
        var content = NotificationContent.From(domainEvent, org?.Name);
        var page = Page(domainEvent, definition);
        var title = EventRoutes.InboxTitle(route, domainEvent.Data);
        var summary = EventRoutes.InboxSummary(route, domainEvent.Data);
        var broadcastId = domainEvent.Type == EventTypes.BroadcastCreated ? domainEvent.EntityId : null;
        var ttl = (int)options.Value.InboxRetention.TotalSeconds;
        var now = time.GetUtcNow();
        var audience = await audiences.ResolveAsync(domainEvent, cancellationToken);

        var recipients = 0;
        await Parallel.ForEachAsync(
            audience.Candidates,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.FanOutParallelism, CancellationToken = cancellationToken },
            async (userId, ct) =>
            {
                if (userId == domainEvent.ActorId || (audience.Accepts is { } accepts && !await accepts(userId, ct)))
                {
                    return;
                }

                await CreateInboxItemAsync(new InboxItem
                {
                    Id = NotificationKinds.InboxId(domainEvent.Id),
                    UserId = userId,
                    EventId = domainEvent.Id,
                    EventType = domainEvent.Type,
                    EntityType = domainEvent.EntityType,
                    EntityId = domainEvent.EntityId,
                    OrgId = domainEvent.OrgId,
                    Title = title,
                    Summary = summary,
                    Page = page,
                    CreatedAt = domainEvent.OccurredAt == default ? now : domainEvent.OccurredAt,
                    Ttl = ttl,
                }, ct);
                await deliveries.SendAsync(new DeliveryMessage
                {
                    EventId = domainEvent.Id,
                    UserId = userId,
                    TemplateKey = route.TemplateKey,
                    EntityType = domainEvent.EntityType,
                    EntityId = domainEvent.EntityId,
                    Page = page,
                    Content = content,
                    BroadcastId = broadcastId,
                }, delay: null, ct);
                Interlocked.Increment(ref recipients);
            });

        if (broadcastId is not null)
        {
            await _container.PatchItemAsync<BroadcastDocument>(
                broadcastId,
                new PartitionKey(NotificationKinds.BroadcastPartition(broadcastId)),
                [PatchOperation.Set("/recipients", recipients)],
                new PatchItemRequestOptions { EnableContentResponseOnWrite = false },
                cancellationToken);
        }

        LogFannedOut(logger, domainEvent.Type, domainEvent.Id, recipients);
        return recipients;
    }

    /// <summary>The page the notification opens: the broadcast's own page if it named one, else the template's.</summary>
    private static string Page(DomainEvent domainEvent, TemplateDefinition definition) =>
        domainEvent.Type == EventTypes.BroadcastCreated && domainEvent.Data["page"]?.GetValue<string>() is { Length: > 0 } page
            ? page
            : TemplateCatalogue.FillPage(definition.Page, domainEvent.EntityType, domainEvent.EntityId, domainEvent.Data);

    private async Task CreateInboxItemAsync(InboxItem item, CancellationToken cancellationToken)
    {
        try
        {
            await _container.CreateItemAsync(item, new PartitionKey(item.UserId), new ItemRequestOptions { EnableContentResponseOnWrite = false }, cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // A redelivered event: this person already has it.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {EventType} ({EventId}) has no notification route; ignored")]
    private static partial void LogUnknownEvent(ILogger logger, string eventType, string eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventType} ({EventId}) notified {Recipients} recipient(s)")]
    private static partial void LogFannedOut(ILogger logger, string eventType, string eventId, int recipients);
}
