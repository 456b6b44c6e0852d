using System.Collections.Frozen;

namespace GongTongDizao.Core.Features.Orders;

/// <summary>
/// The order state machine (issue 24): one table of every allowed (state, action, actor) and the state it leads to.
/// Anything not in the table is refused. Pure: handlers decide who the caller is before asking, so a refusal here
/// means INVALID_STATE (or ORDER_ALREADY_TAKEN for a take that lost).
/// </summary>
public static class OrderLifecycle
{
    private static readonly (OrderStatus From, OrderAction Action, OrderActor Actor, OrderStatus To)[] s_rows =
    [
        (OrderStatus.Submitted, OrderAction.Approve, OrderActor.Office, OrderStatus.Approved),
        (OrderStatus.Submitted, OrderAction.Reject, OrderActor.Office, OrderStatus.Rejected),
        (OrderStatus.Submitted, OrderAction.Cancel, OrderActor.Requester, OrderStatus.Cancelled),

        (OrderStatus.Approved, OrderAction.Dispatch, OrderActor.Office, OrderStatus.Dispatched),
        (OrderStatus.Approved, OrderAction.Pool, OrderActor.Office, OrderStatus.Pooled),
        (OrderStatus.Approved, OrderAction.Cancel, OrderActor.Requester, OrderStatus.Cancelled),

        (OrderStatus.Dispatched, OrderAction.Take, OrderActor.Team, OrderStatus.Taken),
        (OrderStatus.Dispatched, OrderAction.Dispatch, OrderActor.Office, OrderStatus.Dispatched),
        (OrderStatus.Dispatched, OrderAction.Pool, OrderActor.Office, OrderStatus.Pooled),
        (OrderStatus.Dispatched, OrderAction.Cancel, OrderActor.Requester, OrderStatus.Cancelled),
        (OrderStatus.Dispatched, OrderAction.TakeTimeout, OrderActor.System, OrderStatus.Returned),

        (OrderStatus.Pooled, OrderAction.Take, OrderActor.Team, OrderStatus.Taken),
        (OrderStatus.Pooled, OrderAction.Dispatch, OrderActor.Office, OrderStatus.Dispatched),
        (OrderStatus.Pooled, OrderAction.Cancel, OrderActor.Requester, OrderStatus.Cancelled),
        (OrderStatus.Pooled, OrderAction.TakeTimeout, OrderActor.System, OrderStatus.Returned),

        (OrderStatus.Returned, OrderAction.Dispatch, OrderActor.Office, OrderStatus.Dispatched),
        (OrderStatus.Returned, OrderAction.Pool, OrderActor.Office, OrderStatus.Pooled),
        (OrderStatus.Returned, OrderAction.Close, OrderActor.Office, OrderStatus.Closed),
        (OrderStatus.Returned, OrderAction.Cancel, OrderActor.Requester, OrderStatus.Cancelled),

        // Re-dispatch: the office may move a taken order to another team or back to the pool.
        (OrderStatus.Taken, OrderAction.Deliver, OrderActor.Team, OrderStatus.Delivered),
        (OrderStatus.Taken, OrderAction.Dispatch, OrderActor.Office, OrderStatus.Dispatched),
        (OrderStatus.Taken, OrderAction.Pool, OrderActor.Office, OrderStatus.Pooled),

        (OrderStatus.Delivered, OrderAction.Rate, OrderActor.Requester, OrderStatus.Closed),
        (OrderStatus.Delivered, OrderAction.RateLow, OrderActor.Requester, OrderStatus.Reopened),
        (OrderStatus.Delivered, OrderAction.AutoClose, OrderActor.System, OrderStatus.Closed),

        (OrderStatus.Reopened, OrderAction.Dispatch, OrderActor.Office, OrderStatus.Dispatched),
        (OrderStatus.Reopened, OrderAction.Pool, OrderActor.Office, OrderStatus.Pooled),
        (OrderStatus.Reopened, OrderAction.Close, OrderActor.Office, OrderStatus.Closed),
    ];

    private static readonly FrozenDictionary<(OrderStatus, OrderAction, OrderActor), OrderStatus> s_table =
        s_rows.ToFrozenDictionary(r => (r.From, r.Action, r.Actor), r => r.To);

    /// <summary>The states no action leaves.</summary>
    public static IReadOnlySet<OrderStatus> Terminal { get; } = new HashSet<OrderStatus> { OrderStatus.Rejected, OrderStatus.Closed, OrderStatus.Cancelled };

    /// <summary>States in which a team serves or may serve the order: contact details are shown to the taking team only while taken.</summary>
    public static bool IsOpenForTeam(OrderStatus status) => status == OrderStatus.Taken;

    /// <summary>Offered to teams: dispatched to one, or pooled for all in scope.</summary>
    public static bool IsOffered(OrderStatus status) => status is OrderStatus.Dispatched or OrderStatus.Pooled;

    /// <summary>The state the action leads to, or null when this actor may not do it in this state.</summary>
    public static OrderStatus? Next(OrderStatus from, OrderAction action, OrderActor actor) =>
        s_table.TryGetValue((from, action, actor), out var to) ? to : null;

    /// <summary>Who performs an action: each action belongs to exactly one actor.</summary>
    public static OrderActor ActorOf(OrderAction action) => action switch
    {
        OrderAction.Cancel or OrderAction.Rate or OrderAction.RateLow => OrderActor.Requester,
        OrderAction.Take or OrderAction.Deliver => OrderActor.Team,
        OrderAction.TakeTimeout or OrderAction.AutoClose => OrderActor.System,
        _ => OrderActor.Office,
    };

    /// <summary>The rating decides the action: 2 or less reopens the order for the office to review.</summary>
    public static OrderAction RatingAction(int stars) => stars <= 2 ? OrderAction.RateLow : OrderAction.Rate;

    /// <summary>What these actors may do next (for the views' <c>allowedActions</c>); a low rating is the same action to a person.</summary>
    public static IReadOnlyList<OrderAction> Allowed(OrderStatus from, IReadOnlyCollection<OrderActor> actors) =>
        [.. s_rows.Where(r => r.From == from && actors.Contains(r.Actor) && r.Action != OrderAction.RateLow && r.Actor != OrderActor.System).Select(r => r.Action).Distinct()];

    public static string StatusLabel(OrderStatus status) => status switch
    {
        OrderStatus.Submitted => "待审核",
        OrderStatus.Approved => "待派单",
        OrderStatus.Rejected => "未通过",
        OrderStatus.Dispatched => "已派单",
        OrderStatus.Pooled => "待接单",
        OrderStatus.Returned => "超时未接",
        OrderStatus.Taken => "服务中",
        OrderStatus.Delivered => "待评价",
        OrderStatus.Reopened => "待复核",
        OrderStatus.Closed => "已完成",
        _ => "已取消",
    };

    public static string ActionLabel(OrderAction action) => action switch
    {
        OrderAction.Approve => "审核通过",
        OrderAction.Reject => "驳回",
        OrderAction.Cancel => "取消",
        OrderAction.Dispatch => "派单",
        OrderAction.Pool => "发布抢单",
        OrderAction.Take => "接单",
        OrderAction.Deliver => "完成服务",
        OrderAction.Rate or OrderAction.RateLow => "评价",
        OrderAction.Close => "办结",
        OrderAction.TakeTimeout => "超时退回",
        _ => "自动办结",
    };
}
