using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Events;

/// <summary>
/// Publishes the events a save put in an item's outbox, then clears the outbox if the item has not changed since
/// (ETag). If the queue is unavailable the events stay in the document and <see cref="OutboxSweeper"/> publishes
/// them later; a redelivered event is harmless because consumers deduplicate by event id. Items are named by their
/// container (<see cref="StoreNames.Containers"/>), so no feature hands a raw container around.
/// </summary>
public sealed partial class OutboxPublisher(CosmosClient cosmos, EventQueue queue, ILogger<OutboxPublisher> logger)
{
    /// <summary>Never throws for a queue failure: the save already succeeded and the sweeper will retry.</summary>
    public async Task<bool> TryPublishAsync(string containerName, IHasOutbox item, PartitionKey partitionKey, string? etag, CancellationToken cancellationToken)
    {
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
            LogDeferred(logger, containerName, item.Id, item.Outbox.Count, ex.GetType().Name);
            return false;
        }

        // A false here means the item changed meanwhile: the newer save carries its own outbox; the sweeper clears what was sent here.
        await cosmos.GetContainer(StoreNames.Database, containerName)
            .TryPatchAsync(item.Id, partitionKey, [PatchOperation.Set("/outbox", Array.Empty<DomainEvent>())], etag, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue unavailable: {Count} event(s) of {Container}/{Id} stay in the outbox for the sweeper ({ExceptionType})")]
    private static partial void LogDeferred(ILogger logger, string container, string id, int count, string exceptionType);
}
