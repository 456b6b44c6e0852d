using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Topics;

public sealed class MeetingRegistrationTests
{
    private static readonly Meeting s_meeting = new()
    {
        Id = "m1",
        StartsAt = DateTimeOffset.Parse("2026-04-01T07:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
        Place = "社区活动中心",
        Agenda = "讨论楼道扶手",
        Capacity = 2,
        ScheduledBy = "staff",
    };

    [Fact]
    public void Seats_fill_up_to_the_capacity_then_people_queue_in_order()
    {
        var meeting = s_meeting.Register("a")!.Register("b")!.Register("c")!.Register("d")!;

        Assert.Equal(["a", "b"], meeting.Registered);
        Assert.Equal(["c", "d"], meeting.Waiting);
        Assert.Equal((RegistrationState.Waiting, 2), meeting.PlaceOf("d"));
        Assert.Equal((RegistrationState.Registered, (int?)null), meeting.PlaceOf("a"));
        Assert.Equal((RegistrationState.None, (int?)null), meeting.PlaceOf("x"));
    }

    [Fact]
    public void Registering_twice_changes_nothing()
    {
        var once = s_meeting.Register("a")!;

        Assert.Same(once, once.Register("a"));
        Assert.Single(once.Registered);
    }

    [Fact]
    public void A_cancelled_seat_goes_to_the_first_in_the_queue()
    {
        var meeting = s_meeting.Register("a")!.Register("b")!.Register("c")!.Register("d")!;

        var after = meeting.Cancel("a");

        Assert.Equal(["b", "c"], after.Registered);
        Assert.Equal(["d"], after.Waiting);
        Assert.Equal((RegistrationState.Waiting, 1), after.PlaceOf("d"));
    }

    [Fact]
    public void Leaving_the_queue_moves_those_behind_up_and_frees_no_seat()
    {
        var meeting = s_meeting.Register("a")!.Register("b")!.Register("c")!.Register("d")!;

        var after = meeting.Cancel("c");

        Assert.Equal(["a", "b"], after.Registered);
        Assert.Equal(["d"], after.Waiting);
        Assert.Same(after, after.Cancel("nobody"));
    }

    [Fact]
    public void A_full_queue_refuses_more()
    {
        var meeting = s_meeting with { Capacity = 1, Registered = ["a"], Waiting = [.. Enumerable.Range(0, Meeting.MaxWaiting).Select(i => $"w{i}")] };

        Assert.Null(meeting.Register("late"));
    }
}
