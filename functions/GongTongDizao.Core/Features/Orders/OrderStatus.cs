namespace GongTongDizao.Core.Features.Orders;

/// <summary>Where an order (青年点单) is in its life; written snake_case_lower by the shared JSON settings.</summary>
public enum OrderStatus
{
    /// <summary>Placed; the league office reviews it.</summary>
    Submitted,
    Approved,
    Rejected,

    /// <summary>Offered to one named team.</summary>
    Dispatched,

    /// <summary>Offered to every team whose scope covers the community (抢单).</summary>
    Pooled,

    /// <summary>Nobody took it in time: back with the office, which was alerted.</summary>
    Returned,
    Taken,
    Delivered,

    /// <summary>Rated 2 or less: the office reviews it.</summary>
    Reopened,
    Closed,
    Cancelled,
}

/// <summary>What someone does to an order; one row of <see cref="OrderLifecycle"/> per allowed (state, action, actor).</summary>
public enum OrderAction
{
    Approve,
    Reject,
    Cancel,
    Dispatch,
    Pool,
    Take,
    Deliver,

    /// <summary>A rating of 3 to 5: the order closes.</summary>
    Rate,

    /// <summary>A rating of 1 or 2: the order goes back to the office for review.</summary>
    RateLow,

    /// <summary>The office closes a returned or reopened order after its review.</summary>
    Close,
    TakeTimeout,
    AutoClose,
}

/// <summary>The part the actor plays towards this order (not a role in general).</summary>
public enum OrderActor
{
    /// <summary>Who placed the order: the resident, or the staff member who placed it for them (代点单).</summary>
    Requester,

    /// <summary>Youth-league staff whose scope covers the order's community (the league office).</summary>
    Office,

    /// <summary>A leader of a team the order is offered to (take) or of the team that took it (deliver).</summary>
    Team,
    System,
}

/// <summary>How an order ended, for the statistics and the resident's view.</summary>
public enum OrderClosure
{
    Rated,
    Unrated,
    Reviewed,
}
