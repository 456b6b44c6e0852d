using Azure;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Storage;
using GongTongDizao.Core.Timers;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Aggregates;

/// <summary>
/// The one way an aggregate is created or changed: load (point read), decide (the use case authorises the caller and applies the
/// transition, or answers an error), save with the ETag (a lost race re-loads and decides again, a bounded number of
/// times, else <c>CONCURRENT_CHANGE</c>: never a lost update), then append the audit line, publish the outbox (the
/// sweeper retries what fails) and schedule the deadlines, those three side by side. Feature rules live in the decide step; nothing here knows
/// letters from topics.
/// </summary>
public sealed partial class AggregatePipeline<T>(
    IAggregateStore<T> store,
    AuditLog audit,
    OutboxPublisher publisher,
    TimerQueue timers,
    ILogger<AggregatePipeline<T>> logger)
    where T : class, IAggregate<T>
{
    /// <summary>
    /// Decides the change to <paramref name="current"/> (as read now), or answers why not. A change whose
    /// <see cref="AggregateChange{T}.After"/> is <paramref name="current"/> itself means "already so": nothing is written.
    /// </summary>
    public delegate Task<Result<AggregateChange<T>>> Decide(T current);

    /// <summary>
    /// The whole pipeline for the aggregate <paramref name="id"/>: <c>NOT_FOUND</c> when there is none. With
    /// <paramref name="maxAttempts"/> 1 a lost race answers <c>CONCURRENT_CHANGE</c> at once (the caller decided on
    /// what they saw); more re-decide on a fresh read (what many residents do at once, such as registering).
    /// </summary>
    public async Task<Result<T>> RunAsync(string id, Decide decide, CancellationToken cancellationToken, int maxAttempts = 1) =>
        await store.FindAsync(id, cancellationToken) is { } loaded
            ? await RunAsync(loaded, decide, cancellationToken, maxAttempts)
            : Error.NotFound();

    /// <summary>As <see cref="RunAsync(string, Decide, CancellationToken, int)"/> for an aggregate already loaded.</summary>
    public Task<Result<T>> RunAsync(T loaded, Decide decide, CancellationToken cancellationToken, int maxAttempts = 1)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return OptimisticRetry.RunAsync<T, Result<T>>(
            loaded,
            async current => await TryOnceAsync(current, decide, cancellationToken) is { } result
                ? Attempt<Result<T>>.Done(result)
                : Attempt<Result<T>>.LostRace(),
            current => store.FindAsync(current.Id, cancellationToken),
            _ => Error.From(ErrorCodes.ConcurrentChange),
            maxAttempts);
    }

    /// <summary>Saves a change decided on <paramref name="before"/>; <c>CONCURRENT_CHANGE</c> when it changed since.</summary>
    public async Task<Result<T>> SaveAsync(T before, AggregateChange<T> change, CancellationToken cancellationToken) =>
        ConditionalWrites.OrConcurrentChange(await TrySaveAsync(before, change, cancellationToken));

    /// <summary>
    /// Saves a change decided on <paramref name="before"/> if it is unchanged since (null otherwise, nothing written),
    /// then audits, publishes and schedules.
    /// </summary>
    public async Task<T?> TrySaveAsync(T before, AggregateChange<T> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(change);

        // Events a failed publish left behind stay with the new ones; consumers deduplicate by event id.
        var saved = await store.TryReplaceAsync(change.After.WithOutbox([.. before.Outbox, .. change.Events]), before.ETag, cancellationToken);
        if (saved is null)
        {
            return null;
        }

        await AfterWriteAsync(saved, change, cancellationToken);
        return saved;
    }

    /// <summary>Stores a new aggregate with the change's events in its outbox, then audits, publishes and schedules.</summary>
    public async Task<T> CreateAsync(AggregateChange<T> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var created = await store.CreateAsync(change.After.WithOutbox(change.Events), cancellationToken);
        await AfterWriteAsync(created, change, cancellationToken);
        return created;
    }

    /// <summary>
    /// The audit line, the outbox and the deadlines of a saved change depend on the save alone, not on each other, so
    /// they go out together: the request waits for the slowest of them rather than for their sum. A failed audit
    /// still fails the request (after the events went out, which consumers deduplicate anyway).
    /// </summary>
    private Task AfterWriteAsync(T saved, AggregateChange<T> change, CancellationToken cancellationToken) =>
        Task.WhenAll(AuditAsync(saved, change.Audit, cancellationToken), AfterSaveAsync(saved, change.Timers, cancellationToken));

    /// <summary>One decision and save on the aggregate as read now; null when the save lost the race.</summary>
    private async Task<Result<T>?> TryOnceAsync(T current, Decide decide, CancellationToken cancellationToken)
    {
        var decided = await decide(current);
        if (!decided.IsSuccess)
        {
            return decided.Error;
        }

        if (ReferenceEquals(decided.Value.After, current))
        {
            return current;
        }

        return await TrySaveAsync(current, decided.Value, cancellationToken) is { } saved ? Result<T>.Success(saved) : (Result<T>?)null;
    }

    /// <summary>Publishes the outbox of a saved aggregate (also one just created) and schedules its deadlines.</summary>
    public async Task AfterSaveAsync(T saved, IReadOnlyList<TimerMessage>? deadlines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(saved);
        // The events and the timers are separate queue messages: sent side by side.
        await Task.WhenAll([
            publisher.TryPublishAsync(store.ContainerName, saved, new PartitionKey(saved.PartitionKey), saved.ETag, cancellationToken),
            .. (deadlines ?? []).Select(timer => ScheduleAsync(saved, timer, cancellationToken)),
        ]);
    }

    private async Task ScheduleAsync(T saved, TimerMessage timer, CancellationToken cancellationToken)
    {
        try
        {
            await timers.ScheduleAsync(timer, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            // The change is saved; a missing reminder must not turn it into an error the caller would retry.
            LogTimerLost(logger, timer.Kind, saved.Id, ex.Status);
        }
    }

    private Task AuditAsync(T saved, AuditEntry entry, CancellationToken cancellationToken) =>
        audit.AppendAsync(entry.EntityType, saved.Id, entry.Action, entry.ActorId, entry.From, entry.To, entry.Reason, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Kind} for {Id} could not be scheduled (status {Status})")]
    private static partial void LogTimerLost(ILogger logger, string kind, string id, int status);
}
