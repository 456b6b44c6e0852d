using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>
/// The later erasures of a deleted person's sources that receive late writes (PIPL: deletion is irreversible). Work
/// begun before the deletion can still write under the old id once the account is gone: an event handler that read
/// its recipients just before, a queued event retried after a failure, an outbox the sweeper publishes after a queue
/// outage. <see cref="DeleteMe"/> schedules the passes before it deletes anything, so they cannot be lost; each acts
/// only once the account is gone, so a deletion that failed half-way erases nothing of a live account. The message
/// holds the old id (random, and everything under it erased) until its last pass, and no pseudonym: each pass draws
/// a new one, so nothing links the passes to the records kept under the deletion's.
/// </summary>
public sealed class LateWriteErasure(UserStore users, IEnumerable<IPersonalDataSource> sources, TimerQueue timers, TimeProvider time) : ITimerHandler
{
    public const string TimerKind = "person.late_erase";

    /// <summary>
    /// After the deletion: the first pass outlasts every try of an event already queued (host.json: functionTimeout
    /// 5 minutes × maxDequeueCount 5, with 5-second backoffs between them: about 26 minutes); the second an outbox held
    /// back by a queue outage of most of a day (the sweeper publishes it once the queue answers again).
    /// </summary>
    public static IReadOnlyList<TimeSpan> Passes { get; } = [TimeSpan.FromMinutes(30), TimeSpan.FromDays(1)];

    public IReadOnlyCollection<string> Kinds { get; } = [TimerKind];

    public Task ScheduleAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return Task.WhenAll(Passes.Select(after => timers.ScheduleAsync(new TimerMessage(TimerKind, userId, userId, now + after), cancellationToken)));
    }

    public async Task HandleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await users.FindAsync(message.EntityId, cancellationToken) is not null)
        {
            return;
        }

        await EraseAsync(message.EntityId, UserIds.Pseudonym(), cancellationToken);
    }

    /// <summary>Erases, once more, what the sources that receive late writes hold under <paramref name="userId"/>.</summary>
    public async Task EraseAsync(string userId, string pseudonym, CancellationToken cancellationToken)
    {
        foreach (var source in sources.Where(s => s.ReceivesLateWrites))
        {
            await source.AnonymiseAsync(userId, pseudonym, cancellationToken);
        }
    }
}
