namespace GongTongDizao.Core.Storage;

/// <summary>What one try of a read-modify-write came to: finished with a value, or lost the ETag race (try again on a fresh read).</summary>
public readonly record struct Attempt<T>
{
    private Attempt(bool lost, T value)
    {
        Lost = lost;
        Value = value;
    }

    /// <summary>Someone else wrote first (412): re-read and decide again.</summary>
    public bool Lost { get; }

    public T Value { get; }

    public static Attempt<T> Done(T value) => new(false, value);

    public static Attempt<T> LostRace() => new(true, default!);

    public static implicit operator Attempt<T>(T value) => Done(value);
}

/// <summary>
/// The one bounded read-modify-write loop. A conditional write (<see cref="ConditionalWrites"/>) that loses the race
/// re-reads the item and decides again on what is there now, a bounded number of times, so contention slows a
/// request down but can neither lose an update nor spin for ever.
/// </summary>
public static class OptimisticRetry
{
    /// <summary>Enough for the contention one item sees here (a handful of residents at once); beyond it the caller gives up.</summary>
    public const int DefaultAttempts = 5;

    /// <summary>
    /// Runs <paramref name="tryOnce"/> on <paramref name="item"/>; while it loses the race, on a fresh read
    /// (<paramref name="reread"/>), at most <paramref name="maxAttempts"/> tries in all (no read after the last). When
    /// the item is gone (null) or the tries are spent, <paramref name="gaveUp"/> answers with the item as last read.
    /// </summary>
    public static async Task<TResult> RunAsync<TItem, TResult>(
        TItem? item,
        Func<TItem, Task<Attempt<TResult>>> tryOnce,
        Func<TItem, Task<TItem?>> reread,
        Func<TItem?, TResult> gaveUp,
        int maxAttempts = DefaultAttempts)
        where TItem : class
    {
        ArgumentNullException.ThrowIfNull(tryOnce);
        ArgumentNullException.ThrowIfNull(reread);
        ArgumentNullException.ThrowIfNull(gaveUp);
        for (var attempt = 1; item is not null; attempt++)
        {
            var outcome = await tryOnce(item);
            if (!outcome.Lost)
            {
                return outcome.Value;
            }

            if (attempt >= maxAttempts)
            {
                break;
            }

            item = await reread(item);
        }

        return gaveUp(item);
    }

    /// <summary>
    /// Applies <paramref name="change"/> (null: nothing to do) to the item as read and saves it with
    /// <paramref name="tryReplace"/> (null: lost the race), retrying on a fresh read. Null when the item is missing or
    /// unchanged; <c>CONCURRENT_CHANGE</c> when every attempt lost.
    /// </summary>
    public static async Task<Result<(TItem Before, TItem After)?>> UpdateAsync<TItem>(
        Func<Task<TItem?>> read,
        Func<TItem, TItem?> change,
        Func<TItem, TItem, Task<TItem?>> tryReplace,
        int maxAttempts = DefaultAttempts)
        where TItem : class
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(tryReplace);
        return await RunAsync<TItem, Result<(TItem Before, TItem After)?>>(
            await read(),
            async current =>
            {
                if (change(current) is not { } changed)
                {
                    return Result<(TItem, TItem)?>.Success(null);
                }

                return await tryReplace(current, changed) is { } saved
                    ? Result<(TItem, TItem)?>.Success((current, saved))
                    : Attempt<Result<(TItem Before, TItem After)?>>.LostRace();
            },
            _ => read(),
            last => last is null ? Result<(TItem, TItem)?>.Success(null) : Error.From(ErrorCodes.ConcurrentChange),
            maxAttempts);
    }
}
