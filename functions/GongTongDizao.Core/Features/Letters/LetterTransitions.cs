using System.Text.Json.Nodes;
using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
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
public sealed class LetterTransitions(LetterViews views, AggregatePipeline<Letter> pipeline, AppEvents events, TimeProvider time)
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
    /// A letter just stored: one that reached staff at once is newly received (<c>from</c> empty). A held one is not
    /// received yet; its approval (Held → Submitted) is the change that reports it.
    /// </summary>
    public void Created(Letter saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (saved.Status != LetterStatus.Held)
        {
            events.LetterStatusChanged(saved.Id, saved.CommunityId, null, saved.Status, saved.Category);
        }
    }

    /// <summary>Publishes the outbox (the sweeper retries on failure) and schedules the deadlines of a saved letter.</summary>
    public Task AfterSaveAsync(Letter saved, IReadOnlyList<TimerMessage>? deadlines, CancellationToken cancellationToken) =>
        pipeline.AfterSaveAsync(saved, deadlines, cancellationToken);

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
            events.LetterStatusChanged(saved.Id, saved.CommunityId, before, saved.Status, saved.Category);
        }
    }

    public static TimerMessage Timer(string kind, Letter letter, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new TimerMessage(kind, letter.Id, letter.CommunityId, dueAt);
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

/// <summary>The events letters emit. <c>letter.submitted</c> goes to staff and never carries the author's identity.</summary>
public static class LetterEvents
{
    public const string EntityType = "letter";

    public static DomainEvent Submitted(Letter letter, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterSubmitted, EntityType, letter.Id, letter.CommunityId, letter.Anonymous ? "anonymous" : actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["category"] = LetterCodes.Of(letter.Category),
            ["categoryLabel"] = LetterCategories.Label(letter.Category),
            ["communityId"] = letter.CommunityId,
            ["handlingOrgId"] = letter.HandlingOrgId,
            ["anonymous"] = letter.Anonymous,
        });
    }

    public static DomainEvent Accepted(Letter letter, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterAccepted, EntityType, letter.Id, letter.CommunityId, actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["authorId"] = letter.AuthorId,
            ["communityId"] = letter.CommunityId,
            ["acceptedAt"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public static DomainEvent Replied(Letter letter, string replyContent, string actorId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterReplied, EntityType, letter.Id, letter.CommunityId, actorId, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["authorId"] = letter.AuthorId,
            ["communityId"] = letter.CommunityId,
            ["replySummary"] = Shorten(replyContent, 20),
        });
    }

    /// <summary><c>escalationOrgId</c> is the parent of the handling org: its staff are the ones to tell.</summary>
    public static DomainEvent Overdue(Letter letter, string stage, string? escalationOrgId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return DomainEvent.Create(EventTypes.LetterOverdue, EntityType, letter.Id, letter.CommunityId, AuditLog.SystemActor, at, new JsonObject
        {
            ["letterId"] = letter.Id,
            ["title"] = Shorten(letter.Title, 20),
            ["stage"] = stage,
            ["submittedAt"] = (letter.ReceivedAt ?? letter.CreatedAt).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["communityId"] = letter.CommunityId,
            ["handlingOrgId"] = letter.HandlingOrgId,
            ["escalationOrgId"] = escalationOrgId ?? letter.HandlingOrgId,
        });
    }

    /// <summary>Subscribe-message "thing" values take at most 20 characters; cut by text elements, never inside an emoji.</summary>
    public static string Shorten(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        var info = new System.Globalization.StringInfo(text.Trim());
        return info.LengthInTextElements <= max ? info.String : info.SubstringByTextElements(0, max - 1) + "…";
    }
}
