using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Events;

/// <summary>
/// Publishes the events a save put in an item's outbox, then clears the outbox if the item has not changed since
/// (ETag). If the queue is unavailable the events stay in the document and <see cref="OutboxSweeper"/> publishes
/// them later; a redelivered event is harmless because consumers deduplicate by event id.
/// </summary>
public sealed partial class OutboxPublisher(EventQueue queue, ILogger<OutboxPublisher> logger)
{
    /// <summary>Never throws for a queue failure: the save already succeeded and the sweeper will retry.</summary>
    public async Task<bool> TryPublishAsync(Container container, IHasOutbox item, PartitionKey partitionKey, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(item);
        if (item.Outbox.Count == 0)
        {
            return true;
        }

        try
        {
            foreach (var domainEvent in item.Outbox)
            {
                await queue.SendAsync(domainEvent, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogDeferred(logger, container.Id, item.Id, item.Outbox.Count, ex.GetType().Name);
            return false;
        }

        try
        {
            await container.PatchItemAsync<object>(
                item.Id,
                partitionKey,
                [PatchOperation.Set("/outbox", Array.Empty<DomainEvent>())],
                new PatchItemRequestOptions { IfMatchEtag = etag, EnableContentResponseOnWrite = false },
                cancellationToken);
        }
        catch (CosmosException ex) when (ex.StatusCode == System.Net.HttpStatusCode.PreconditionFailed)
        {
            // Changed meanwhile: the newer save carries its own outbox; the sweeper clears what was sent here.
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue unavailable: {Count} event(s) of {Container}/{Id} stay in the outbox for the sweeper ({ExceptionType})")]
    private static partial void LogDeferred(ILogger logger, string container, string id, int count, string exceptionType);
}
