using GongTongDizao.Core.Features.Orders;

namespace GongTongDizao.Core.Tests.Orders;

/// <summary>Every (state, action, actor) combination against the lifecycle of issue 24, written out independently here.</summary>
public sealed class OrderLifecycleTests
{
    // state action actor → next. Everything else must be refused.
    private static readonly string[] s_allowed =
    [
        "submitted approve office approved",
        "submitted reject office rejected",
        "submitted cancel requester cancelled",
        "approved dispatch office dispatched",
        "approved pool office pooled",
        "approved cancel requester cancelled",
        "dispatched take team taken",
        "dispatched dispatch office dispatched",
        "dispatched pool office pooled",
        "dispatched cancel requester cancelled",
        "dispatched take_timeout system returned",
        "pooled take team taken",
        "pooled dispatch office dispatched",
        "pooled cancel requester cancelled",
        "pooled take_timeout system returned",
        "returned dispatch office dispatched",
        "returned pool office pooled",
        "returned close office closed",
        "returned cancel requester cancelled",
        "taken deliver team delivered",
        "taken dispatch office dispatched",
        "taken pool office pooled",
        "delivered rate requester closed",
        "delivered rate_low requester reopened",
        "delivered auto_close system closed",
        "reopened dispatch office dispatched",
        "reopened pool office pooled",
        "reopened close office closed",
    ];

    private static readonly Dictionary<(string, string, string), string> s_expected = s_allowed
        .Select(row => row.Split(' '))
        .ToDictionary(p => (p[0], p[1], p[2]), p => p[3]);

    public static TheoryData<OrderStatus, OrderAction, OrderActor> EveryCombination()
    {
        var data = new TheoryData<OrderStatus, OrderAction, OrderActor>();
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            foreach (var action in Enum.GetValues<OrderAction>())
            {
                foreach (var actor in Enum.GetValues<OrderActor>())
                {
                    data.Add(status, action, actor);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Each_combination_leads_where_the_issue_says_or_is_refused(OrderStatus status, OrderAction action, OrderActor actor)
    {
        var next = OrderLifecycle.Next(status, action, actor);

        if (s_expected.TryGetValue((Code(status), Code(action), Code(actor)), out var expected))
        {
            Assert.NotNull(next);
            Assert.Equal(expected, Code(next.Value));
        }
        else
        {
            Assert.Null(next);
        }
    }

    [Fact]
    public void The_combinations_cover_all_states_actions_and_actors()
    {
        Assert.Equal(11 * 12 * 4, EveryCombination().Count);
        Assert.Equal(s_allowed.Length, EveryCombination().Count(row => OrderLifecycle.Next((OrderStatus)row[0], (OrderAction)row[1], (OrderActor)row[2]) is not null));
    }

    [Fact]
    public void Each_action_belongs_to_the_one_actor_the_table_uses_for_it()
    {
        foreach (var action in Enum.GetValues<OrderAction>())
        {
            var actors = s_expected.Keys.Where(k => k.Item2 == Code(action)).Select(k => k.Item3).Distinct().ToList();
            Assert.Equal(Code(OrderLifecycle.ActorOf(action)), Assert.Single(actors));
        }
    }

    [Fact]
    public void Terminal_states_have_no_way_out_and_the_requester_cannot_cancel_once_a_team_took_it()
    {
        foreach (var status in OrderLifecycle.Terminal)
        {
            Assert.Empty(OrderLifecycle.Allowed(status, Enum.GetValues<OrderActor>()));
        }

        foreach (var status in new[] { OrderStatus.Taken, OrderStatus.Delivered, OrderStatus.Reopened })
        {
            Assert.Null(OrderLifecycle.Next(status, OrderAction.Cancel, OrderActor.Requester));
        }

        Assert.Equal([OrderAction.Cancel], OrderLifecycle.Allowed(OrderStatus.Pooled, [OrderActor.Requester]));
        Assert.Equal([OrderAction.Rate], OrderLifecycle.Allowed(OrderStatus.Delivered, [OrderActor.Requester]));
        Assert.Equal([OrderAction.Deliver, OrderAction.Dispatch, OrderAction.Pool], OrderLifecycle.Allowed(OrderStatus.Taken, [OrderActor.Team, OrderActor.Office]));
    }

    [Theory]
    [InlineData(1, OrderAction.RateLow)]
    [InlineData(2, OrderAction.RateLow)]
    [InlineData(3, OrderAction.Rate)]
    [InlineData(5, OrderAction.Rate)]
    public void A_rating_of_two_or_less_reopens_the_order_for_review(int stars, OrderAction expected)
    {
        var action = OrderLifecycle.RatingAction(stars);

        Assert.Equal(expected, action);
        Assert.Equal(stars <= 2 ? OrderStatus.Reopened : OrderStatus.Closed, OrderLifecycle.Next(OrderStatus.Delivered, action, OrderActor.Requester));
    }

    [Fact]
    public void A_taken_order_refuses_a_second_take_from_anyone()
    {
        foreach (var actor in Enum.GetValues<OrderActor>())
        {
            Assert.Null(OrderLifecycle.Next(OrderStatus.Taken, OrderAction.Take, actor));
        }
    }

    private static string Code<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
