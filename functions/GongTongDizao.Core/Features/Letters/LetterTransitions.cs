using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>What a use case changes besides the status: the letter, the events it emits, the deadlines it sets.</summary>
public sealed record LetterChange(Letter Letter, IReadOnlyList<DomainEvent>? Events = null, IReadOnlyList<TimerMessage>? Timers = null, string? Reason = null);

/// <summary>
/// The letters' side of the one <see cref="AggregatePipeline{T}"/>: decide who the caller is towards the letter, ask the
/// state machine, apply the use case's change and add its timeline step; the pipeline loads, saves with the ETag (a
/// concurrent change is CONCURRENT_CHANGE, never a lost update), audits, publishes and schedules. A status change is
/// reported to telemetry.
/// </summary>
public sealed class LetterTransitions(LetterViews views, AggregatePipeline<Letter> pipeline, AppEvents telemetry, TimeProvider time)
{
    public delegate Task<Result<LetterChange>> Change(Letter letter, LetterStatus next, DateTimeOffset now);

    public Task<Result<LetterView>> RunAsync(Caller caller, string letterId, LetterAction action, Change change, CancellationToken cancellationToken) =>
        RunAsync(caller, letterId, _ => action, change, cancellationToken);

    public async Task<Result<LetterView>> RunAsync(Caller caller, string letterId, Func<Letter, LetterAction> chooseAction, Change change, CancellationToken cancellationToken)
    {
        var applied = await ApplyAsync(caller, letterId, chooseAction, change, cancellationToken);
        if (!applied.IsSuccess)
        {
            return applied.Error;
        }

        var actors = await views.ActorsAsync(caller.User, applied.Value, cancellationToken);
        return await views.ViewAsync(applied.Value, actors, cancellationToken);
    }

    public async Task<Result<Letter>> ApplyAsync(Caller caller, string letterId, Func<Letter, LetterAction> chooseAction, Change change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(chooseAction);
        ArgumentNullException.ThrowIfNull(change);
        LetterStatus? from = null;
        var saved = await pipeline.RunAsync(letterId, async letter =>
        {
            var actors = await views.ActorsAsync(caller.User, letter, cancellationToken);
            var action = chooseAction(letter);
            var actor = LetterLifecycle.ActorOf(action);
            if (actors.Count == 0)
            {
                return Error.NotFound();
            }

            if (!actors.Contains(actor))
            {
                return Error.Forbidden();
            }

            if (LetterLifecycle.Next(letter.Status, action, actor) is not { } next)
            {
                return Error.InvalidState($"信件当前状态为「{StatusLabel(letter.Status)}」，不能{ActionLabel(action)}");
            }

            var now = time.GetUtcNow();
            var changed = await change(letter, next, now);
            if (!changed.IsSuccess)
            {
                return changed.Error;
            }

            from = letter.Status;
            return Decided(letter, changed.Value, next, action, actor, caller.Id, now);
        }, cancellationToken);
        if (saved.IsSuccess && from is { } before)
        {
            Reported(saved.Value, before);
        }

        return saved;
    }

    /// <summary>Saves a transition decided elsewhere (the deadline timers act as the system).</summary>
    public async Task<Result<Letter>> SaveAsync(Letter before, LetterChange change, LetterStatus next, LetterAction? action, LetterActor actor, string actorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        var saved = await pipeline.SaveAsync(before, Decided(before, change, next, action, actor, actorId, now), cancellationToken);
        if (saved.IsSuccess)
        {
            Reported(saved.Value, before.Status);
        }

        return saved;
    }

    /// <summary>
    /// Stores a new letter with its events and deadlines (audit <c>letter.submitted</c>, or <c>letter.held</c> for one
    /// waiting for a moderator) and answers the author's view of it. One that reached staff at once is newly received
    /// (<c>from</c> empty); a held one is not received yet: its approval (Held → Submitted) is the change that reports it.
    /// </summary>
    public async Task<LetterView> SubmitAsync(Letter letter, IReadOnlyList<DomainEvent> events, IReadOnlyList<TimerMessage> deadlines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var held = letter.Status == LetterStatus.Held;
        var audit = new AuditEntry(LetterEvents.EntityType, held ? "letter.held" : "letter.submitted", letter.AuthorId, null, LetterCodes.Of(letter.Status));
        var saved = await pipeline.CreateAsync(new AggregateChange<Letter>(letter, audit) { Events = events, Timers = deadlines }, cancellationToken);
        if (!held)
        {
            telemetry.LetterStatusChanged(saved.Id, saved.CommunityId, null, saved.Status, saved.Category);
        }

        return await views.ViewAsync(saved, new HashSet<LetterActor> { LetterActor.Author }, cancellationToken);
    }

    /// <summary>The change as the pipeline saves it: the new status with its timeline step, and the audit line.</summary>
    private static AggregateChange<Letter> Decided(Letter before, LetterChange change, LetterStatus next, LetterAction? action, LetterActor actor, string actorId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var step = new LetterStep(next, action, actor, now, change.Reason);
        var after = change.Letter with { Status = next, Timeline = [.. change.Letter.Timeline, step] };
        var audit = new AuditEntry(
            LetterEvents.EntityType,
            action is { } a ? "letter." + LetterCodes.Of(a) : "letter.flagged",
            actorId,
            LetterCodes.Of(before.Status),
            LetterCodes.Of(next),
            change.Reason);
        return new AggregateChange<Letter>(after, audit) { Events = change.Events ?? [], Timers = change.Timers ?? [] };
    }

    /// <summary>A transfer within Submitted, a reassignment or an overdue flag keeps the status: no status change to report.</summary>
    private void Reported(Letter saved, LetterStatus before)
    {
        if (saved.Status != before)
        {
            telemetry.LetterStatusChanged(saved.Id, saved.CommunityId, before, saved.Status, saved.Category);
        }
    }

    public static string StatusLabel(LetterStatus status) => status switch
    {
        LetterStatus.Held => "待审核",
        LetterStatus.Submitted => "待受理",
        LetterStatus.Accepted => "已受理",
        LetterStatus.InProgress => "办理中",
        LetterStatus.Replied => "已答复",
        LetterStatus.Closed => "已办结",
        LetterStatus.Withdrawn => "已撤回",
        LetterStatus.Rejected => "未通过审核",
        LetterStatus.Duplicate => "重复信件",
        _ => "已重新打开",
    };

    private static string ActionLabel(LetterAction action) => action switch
    {
        LetterAction.Approve => "审核通过",
        LetterAction.Reject => "驳回",
        LetterAction.Withdraw => "撤回",
        LetterAction.Accept => "受理",
        LetterAction.Assign => "指派",
        LetterAction.Reply => "答复",
        LetterAction.Transfer => "转办",
        LetterAction.MarkDuplicate => "标记为重复",
        LetterAction.Evaluate or LetterAction.Reopen => "评价",
        _ => "自动办结",
    };
}
