using System.Collections.Frozen;

namespace GongTongDizao.Core.Features.Topics;

/// <summary>Everything anyone can do to a topic; each is checked against <see cref="TopicStateMachine"/>.</summary>
public enum TopicAction
{
    Approve,
    RejectContent,
    Withdraw,
    Second,
    Unsecond,
    ReachThreshold,
    Expire,
    Comment,
    ScheduleMeeting,
    RegisterForMeeting,
    RecordMinutes,
    Accept,
    Reject,
    PlanDeed,
    ReportProgress,
    Deliver,
    Evaluate,
    Complete,
    SendBack,
    Merge,
}

/// <summary>What the caller is to this topic; one person can be several (an author is a resident too).</summary>
[Flags]
public enum TopicRole
{
    None = 0,
    Author = 1,

    /// <summary>Lives in the topic's community (home community).</summary>
    Resident = 2,

    /// <summary>womensFederationWorker / womenRepresentative whose scope covers the community.</summary>
    Staff = 4,

    /// <summary>A moderator whose scope covers the community.</summary>
    Moderator = 8,

    /// <summary>Deadline timers.</summary>
    System = 16,
}

/// <summary>
/// The one table of what may happen to a topic: (state, action) → the roles allowed and the state it leads to.
/// Actions that do not change the state (a second, a comment, a meeting) are in the table too, so every rule of
/// "who may do what when" lives here.
/// </summary>
public static class TopicStateMachine
{
    private static readonly FrozenDictionary<(TopicStatus From, TopicAction Action), (TopicRole Roles, TopicStatus To)> s_table = Build(
    [
        (TopicStatus.Held, TopicAction.Approve, TopicRole.Moderator, TopicStatus.Proposed),
        (TopicStatus.Held, TopicAction.RejectContent, TopicRole.Moderator, TopicStatus.Hidden),
        (TopicStatus.Held, TopicAction.Withdraw, TopicRole.Author, TopicStatus.Withdrawn),
        (TopicStatus.Proposed, TopicAction.Withdraw, TopicRole.Author, TopicStatus.Withdrawn),
        (TopicStatus.Proposed, TopicAction.Second, TopicRole.Resident, TopicStatus.Proposed),
        (TopicStatus.Proposed, TopicAction.Unsecond, TopicRole.Resident, TopicStatus.Proposed),
        (TopicStatus.Proposed, TopicAction.ReachThreshold, TopicRole.System, TopicStatus.Deliberating),
        (TopicStatus.Proposed, TopicAction.Expire, TopicRole.System, TopicStatus.Expired),
        (TopicStatus.Proposed, TopicAction.Comment, TopicRole.Resident | TopicRole.Staff, TopicStatus.Proposed),
        (TopicStatus.Proposed, TopicAction.Merge, TopicRole.Staff, TopicStatus.Merged),

        // Seconds keep counting after the threshold: concurrent seconders racing the transition must all count.
        (TopicStatus.Deliberating, TopicAction.Second, TopicRole.Resident, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.Unsecond, TopicRole.Resident, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.Comment, TopicRole.Resident | TopicRole.Staff, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.ScheduleMeeting, TopicRole.Staff, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.RegisterForMeeting, TopicRole.Resident, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.RecordMinutes, TopicRole.Staff, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.Accept, TopicRole.Staff, TopicStatus.Delivering),
        (TopicStatus.Deliberating, TopicAction.Reject, TopicRole.Staff, TopicStatus.Rejected),
        (TopicStatus.Deliberating, TopicAction.Merge, TopicRole.Staff, TopicStatus.Merged),

        (TopicStatus.Delivering, TopicAction.PlanDeed, TopicRole.Staff, TopicStatus.Delivering),
        (TopicStatus.Delivering, TopicAction.ReportProgress, TopicRole.Staff, TopicStatus.Delivering),
        (TopicStatus.Delivering, TopicAction.Deliver, TopicRole.Staff, TopicStatus.Evaluating),

        (TopicStatus.Evaluating, TopicAction.Evaluate, TopicRole.Resident, TopicStatus.Evaluating),
        (TopicStatus.Evaluating, TopicAction.Complete, TopicRole.Staff, TopicStatus.Completed),
        (TopicStatus.Evaluating, TopicAction.SendBack, TopicRole.Staff, TopicStatus.Delivering),

        // topic.completed asks participants to rate the deed, so rating stays open (within the window) after closing.
        (TopicStatus.Completed, TopicAction.Evaluate, TopicRole.Resident, TopicStatus.Completed),
    ]);

    private static readonly FrozenDictionary<TopicAction, TopicRole> s_everAllowed = s_table
        .GroupBy(e => e.Key.Action)
        .ToFrozenDictionary(g => g.Key, g => g.Aggregate(TopicRole.None, (roles, e) => roles | e.Value.Roles));

    /// <summary>The state the action leads to, or FORBIDDEN (not the caller's to do) / INVALID_STATE (not now).</summary>
    public static Result<TopicStatus> Decide(TopicStatus from, TopicAction action, TopicRole roles)
    {
        if ((s_everAllowed.GetValueOrDefault(action) & roles) == TopicRole.None)
        {
            return Error.Forbidden();
        }

        if (!s_table.TryGetValue((from, action), out var entry))
        {
            return Error.InvalidState($"议题当前为「{Describe(from)}」，不能{Describe(action)}");
        }

        return (entry.Roles & roles) == TopicRole.None ? Error.Forbidden() : entry.To;
    }

    public static bool Allows(TopicStatus from, TopicAction action, TopicRole roles) => Decide(from, action, roles).IsSuccess;

    public static string Describe(TopicStatus status) => status switch
    {
        TopicStatus.Held => "待审核",
        TopicStatus.Proposed => "征集附议",
        TopicStatus.Deliberating => "议事中",
        TopicStatus.Delivering => "办理中",
        TopicStatus.Evaluating => "待评价",
        TopicStatus.Completed => "已办结",
        TopicStatus.Rejected => "未通过",
        TopicStatus.Withdrawn => "已撤回",
        TopicStatus.Expired => "附议未达标",
        TopicStatus.Hidden => "已屏蔽",
        TopicStatus.Merged => "已合并",
        _ => status.ToString(),
    };

    private static string Describe(TopicAction action) => action switch
    {
        TopicAction.Approve => "审核通过",
        TopicAction.RejectContent => "审核驳回",
        TopicAction.Withdraw => "撤回",
        TopicAction.Second => "附议",
        TopicAction.Unsecond => "取消附议",
        TopicAction.ReachThreshold => "进入议事",
        TopicAction.Expire => "结束征集",
        TopicAction.Comment => "发表意见",
        TopicAction.ScheduleMeeting => "安排议事会",
        TopicAction.RegisterForMeeting => "报名议事会",
        TopicAction.RecordMinutes => "记录会议纪要",
        TopicAction.Accept or TopicAction.Reject => "记录表决结果",
        TopicAction.PlanDeed => "制定实事计划",
        TopicAction.ReportProgress => "报告进展",
        TopicAction.Deliver => "标记办理完成",
        TopicAction.Evaluate => "评价",
        TopicAction.Complete => "办结",
        TopicAction.SendBack => "退回办理",
        TopicAction.Merge => "合并",
        _ => action.ToString(),
    };

    private static FrozenDictionary<(TopicStatus, TopicAction), (TopicRole, TopicStatus)> Build(IEnumerable<(TopicStatus From, TopicAction Action, TopicRole Roles, TopicStatus To)> rows) =>
        rows.ToFrozenDictionary(r => (r.From, r.Action), r => (r.Roles, r.To));
}
