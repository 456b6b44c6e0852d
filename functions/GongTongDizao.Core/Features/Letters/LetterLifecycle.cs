using System.Collections.Frozen;

namespace GongTongDizao.Core.Features.Letters;

/// <summary>
/// The letter state machine: one table of every allowed (state, action, role) and the state it leads to. Anything not
/// in the table is refused. Handlers check who the caller is before asking, so a refusal here means INVALID_STATE.
/// </summary>
public static class LetterLifecycle
{
    private static readonly (LetterStatus From, LetterAction Action, LetterActor Actor, LetterStatus To)[] s_rows =
    [
        (LetterStatus.Held, LetterAction.Approve, LetterActor.Moderator, LetterStatus.Submitted),
        (LetterStatus.Held, LetterAction.Reject, LetterActor.Moderator, LetterStatus.Rejected),
        (LetterStatus.Held, LetterAction.Withdraw, LetterActor.Author, LetterStatus.Withdrawn),

        (LetterStatus.Submitted, LetterAction.Accept, LetterActor.Staff, LetterStatus.Accepted),
        (LetterStatus.Submitted, LetterAction.Transfer, LetterActor.Staff, LetterStatus.Submitted),
        (LetterStatus.Submitted, LetterAction.MarkDuplicate, LetterActor.Staff, LetterStatus.Duplicate),
        (LetterStatus.Submitted, LetterAction.Withdraw, LetterActor.Author, LetterStatus.Withdrawn),

        (LetterStatus.Accepted, LetterAction.Assign, LetterActor.Staff, LetterStatus.InProgress),
        (LetterStatus.Accepted, LetterAction.Reply, LetterActor.Staff, LetterStatus.Replied),
        (LetterStatus.Accepted, LetterAction.Transfer, LetterActor.Staff, LetterStatus.Submitted),
        (LetterStatus.Accepted, LetterAction.MarkDuplicate, LetterActor.Staff, LetterStatus.Duplicate),
        (LetterStatus.Accepted, LetterAction.Withdraw, LetterActor.Author, LetterStatus.Withdrawn),

        (LetterStatus.InProgress, LetterAction.Assign, LetterActor.Staff, LetterStatus.InProgress),
        (LetterStatus.InProgress, LetterAction.Reply, LetterActor.Staff, LetterStatus.Replied),
        (LetterStatus.InProgress, LetterAction.Transfer, LetterActor.Staff, LetterStatus.Submitted),
        (LetterStatus.InProgress, LetterAction.MarkDuplicate, LetterActor.Staff, LetterStatus.Duplicate),
        (LetterStatus.InProgress, LetterAction.Withdraw, LetterActor.Author, LetterStatus.Withdrawn),

        (LetterStatus.Replied, LetterAction.Evaluate, LetterActor.Author, LetterStatus.Closed),
        (LetterStatus.Replied, LetterAction.Reopen, LetterActor.Author, LetterStatus.Reopened),
        (LetterStatus.Replied, LetterAction.AutoClose, LetterActor.System, LetterStatus.Closed),

        (LetterStatus.Reopened, LetterAction.Accept, LetterActor.Staff, LetterStatus.InProgress),
        (LetterStatus.Reopened, LetterAction.Assign, LetterActor.Staff, LetterStatus.InProgress),
        (LetterStatus.Reopened, LetterAction.Reply, LetterActor.Staff, LetterStatus.Replied),
        (LetterStatus.Reopened, LetterAction.Transfer, LetterActor.Staff, LetterStatus.Submitted),
    ];

    private static readonly FrozenDictionary<(LetterStatus, LetterAction, LetterActor), LetterStatus> s_table =
        s_rows.ToFrozenDictionary(r => (r.From, r.Action, r.Actor), r => r.To);

    /// <summary>The states no action leaves.</summary>
    public static IReadOnlySet<LetterStatus> Terminal { get; } = new HashSet<LetterStatus>
    {
        LetterStatus.Closed, LetterStatus.Withdrawn, LetterStatus.Rejected, LetterStatus.Duplicate,
    };

    /// <summary>The state the action leads to, or null when this actor may not do it in this state.</summary>
    public static LetterStatus? Next(LetterStatus from, LetterAction action, LetterActor actor) =>
        s_table.TryGetValue((from, action, actor), out var to) ? to : null;

    /// <summary>Who performs an action: each action belongs to exactly one actor.</summary>
    public static LetterActor ActorOf(LetterAction action) => action switch
    {
        LetterAction.Approve or LetterAction.Reject => LetterActor.Moderator,
        LetterAction.Withdraw or LetterAction.Evaluate or LetterAction.Reopen => LetterActor.Author,
        LetterAction.AutoClose => LetterActor.System,
        _ => LetterActor.Staff,
    };

    /// <summary>What these actors may do next (for the views' <c>allowedActions</c>).</summary>
    public static IReadOnlyList<LetterAction> Allowed(LetterStatus from, IReadOnlyCollection<LetterActor> actors) =>
        [.. s_rows.Where(r => r.From == from && actors.Contains(r.Actor)).Select(r => r.Action).Distinct()];
}
