using GongTongDizao.Core.Events;

namespace GongTongDizao.Core.Aggregates;

/// <summary>
/// An item saved whole: read by id, changed in memory, written back under its ETag with the events of the change in
/// its own outbox (one atomic write, so no change is saved without its events). Letters and topics are aggregates;
/// so are broadcasts, orders and activities. Implement <see cref="PartitionKey"/> explicitly so it is not stored twice.
/// </summary>
public interface IAggregate<TSelf> : IHasOutbox
    where TSelf : class, IAggregate<TSelf>
{
    /// <summary>The Cosmos partition the item lives in (a community for letters and topics).</summary>
    string PartitionKey { get; }

    /// <summary>The version read; a save is conditional on it (<c>If-Match</c>).</summary>
    string? ETag { get; }

    /// <summary>The same state with <paramref name="outbox"/> as its unpublished events.</summary>
    TSelf WithOutbox(IReadOnlyList<DomainEvent> outbox);
}

/// <summary>What the pipeline needs of an aggregate's store: a create, a point read and a conditional replace.</summary>
public interface IAggregateStore<T>
    where T : class, IAggregate<T>
{
    /// <summary>The container the aggregate lives in: the outbox publisher clears published events there.</summary>
    string ContainerName { get; }

    /// <summary>Stores a new item (its id is new, so there is nothing to race).</summary>
    Task<T> CreateAsync(T item, CancellationToken cancellationToken);

    /// <summary>The item, or null when there is none (or the id is not one of ours).</summary>
    Task<T?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces the item if its ETag still is <paramref name="ifMatch"/>; null when someone changed it meanwhile (412).</summary>
    Task<T?> TryReplaceAsync(T item, string? ifMatch, CancellationToken cancellationToken);
}
