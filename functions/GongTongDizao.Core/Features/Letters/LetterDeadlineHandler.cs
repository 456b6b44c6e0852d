using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// The letters' deadlines, delivered as delayed queue messages (no polling). Idempotent: each check re-reads the letter
/// and acts only if the deadline stored in it has passed and is still unmet, so a redelivered or stale message (the
/// letter was accepted, transferred or replied since) changes nothing. A concurrent change is retried on fresh data.
/// </summary>
public sealed class LetterDeadlineHandler(LetterStore store, LetterTransitions transitions, OrgDirectory orgs, TimerQueue timers, TimeProvider time) : ITimerHandler
{
    public const string AcceptStage = "accept";
    public const string ReplyStage = "reply";

    private const int Attempts = 3;

    public IReadOnlyCollection<string> Kinds { get; } = [LetterTimers.AcceptDeadlineKind, LetterTimers.ReplyDeadlineKind, LetterTimers.AutoCloseKind];

    public async Task HandleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var attempt = 1; ; attempt++)
        {
            var letter = await store.FindAsync(message.EntityId, cancellationToken);
            if (letter is null)
            {
                return;
            }

            var outcome = message.Kind switch
            {
                LetterTimers.AcceptDeadlineKind => await FlagAsync(letter, message.DueAt, AcceptStage, letter.Deadlines.AcceptBy, [LetterStatus.Submitted], cancellationToken),
                LetterTimers.ReplyDeadlineKind => await FlagAsync(letter, message.DueAt, ReplyStage, letter.Deadlines.ReplyBy, [LetterStatus.Submitted, LetterStatus.Accepted, LetterStatus.InProgress, LetterStatus.Reopened], cancellationToken),
                LetterTimers.AutoCloseKind => await AutoCloseAsync(letter, message.DueAt, cancellationToken),
                _ => throw new InvalidOperationException($"Letters do not handle timer kind '{message.Kind}'."),
            };
            if (outcome is not { IsSuccess: false } failed || failed.Error.Code != ErrorCodes.ConcurrentChange)
            {
                if (message.Kind == LetterTimers.AcceptDeadlineKind)
                {
                    await ScheduleReplyDeadlineAsync(outcome is { IsSuccess: true } saved ? saved.Value : letter, cancellationToken);
                }

                return;
            }

            if (attempt == Attempts)
            {
                // Let the queue retry later rather than lose the deadline.
                throw new InvalidOperationException($"Letter {letter.Id} kept changing while its deadline was checked.");
            }
        }
    }

    /// <summary>
    /// Whether the reply deadline's timer is left to the accept deadline's check (it falls later), so that receiving a
    /// letter sends one timer message rather than two.
    /// </summary>
    public static bool ChainsReplyDeadline(Letter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return letter.Deadlines is { AcceptBy: { } accept, ReplyBy: { } reply } && reply > accept;
    }

    /// <summary>
    /// Chained from the accept deadline's check. A failure throws, so the queue redelivers the accept message, whose
    /// check is idempotent; a duplicate reply timer is harmless for the same reason.
    /// </summary>
    private async Task ScheduleReplyDeadlineAsync(Letter letter, CancellationToken cancellationToken)
    {
        if (ChainsReplyDeadline(letter) && letter.Status is LetterStatus.Submitted or LetterStatus.Accepted or LetterStatus.InProgress or LetterStatus.Reopened)
        {
            await timers.ScheduleAsync(LetterTimers.For(LetterTimers.ReplyDeadlineKind, letter, letter.Deadlines.ReplyBy!.Value), cancellationToken);
        }
    }

    /// <summary>The dispatcher may deliver a message a few seconds early; the message's own due time then counts as now.</summary>
    private DateTimeOffset Now(DateTimeOffset messageDueAt)
    {
        var now = time.GetUtcNow();
        return messageDueAt > now ? messageDueAt : now;
    }

    private async Task<Result<Letter>?> FlagAsync(Letter letter, DateTimeOffset messageDueAt, string stage, DateTimeOffset? due, LetterStatus[] open, CancellationToken cancellationToken)
    {
        var now = Now(messageDueAt);
        if (due is not { } by || now < by || !open.Contains(letter.Status) || (letter.Overdue && letter.OverdueStage == stage))
        {
            return null;
        }

        var handling = await orgs.FindAsync(letter.HandlingOrgId, cancellationToken);
        var flagged = letter with { Overdue = true, OverdueAt = now, OverdueStage = stage };
        var reason = stage == AcceptStage ? "超过受理期限" : "超过答复期限";
        // The status does not change: the step records the flag, and the audit entry says "letter.flagged".
        return await transitions.SaveAsync(
            letter,
            new LetterChange(flagged, [LetterEvents.Overdue(flagged, stage, handling?.ParentId, now)], Reason: reason),
            letter.Status,
            null,
            LetterActor.System,
            AuditLog.SystemActor,
            now,
            cancellationToken);
    }

    private async Task<Result<Letter>?> AutoCloseAsync(Letter letter, DateTimeOffset messageDueAt, CancellationToken cancellationToken)
    {
        var now = Now(messageDueAt);
        if (letter.Deadlines.AutoCloseAt is not { } at || now < at || LetterLifecycle.Next(letter.Status, LetterAction.AutoClose, LetterActor.System) is not { } next)
        {
            return null;
        }

        return await transitions.SaveAsync(
            letter,
            new LetterChange(letter with { ClosedAt = now, Deadlines = letter.Deadlines with { AutoCloseAt = null } }, Reason: "答复后未评价，自动办结"),
            next,
            LetterAction.AutoClose,
            LetterActor.System,
            AuditLog.SystemActor,
            now,
            cancellationToken);
    }
}
