using GongTongDizao.Core.Features.Activities;
using static GongTongDizao.Core.Tests.Activities.ActivityTestData;

namespace GongTongDizao.Core.Tests.Activities;

public sealed class SeatRulesTests
{
    [Fact]
    public void Seats_go_in_arrival_order_then_the_waiting_list_numbers_from_one()
    {
        var roster = Join(Roster(capacity: 2), "u1", "u2", "u3", "u4");

        Assert.Equal(["registered", "registered", "waitlisted", "waitlisted"], roster.SignUps.Select(s => RosterTransitions.Code(s.Status)));
        Assert.Equal([1L, 2, 3, 4], roster.SignUps.Select(s => s.Sequence));
        Assert.Equal([null, null, 1, 2], roster.SignUps.Select(s => SeatRules.WaitlistPosition(roster, s)));
        Assert.Equal(5, roster.NextSequence);
        Assert.Equal(0, SeatRules.SeatsLeft(roster, SignUpRole.Participant));
    }

    [Fact]
    public void Volunteers_and_participants_have_places_of_their_own()
    {
        var roster = Roster(capacity: 1, volunteerPlaces: 1);
        roster = SeatRules.Join(roster, Draft("p1"), false, Now).Roster;
        var (after, volunteer) = SeatRules.Join(roster, Draft("v1", SignUpRole.Volunteer), false, Now);
        var (_, second) = SeatRules.Join(after, Draft("v2", SignUpRole.Volunteer), false, Now);

        Assert.Equal(SignUpStatus.Registered, volunteer.Status);
        Assert.Equal(SignUpStatus.Waitlisted, second.Status);
    }

    [Fact]
    public void With_approval_a_seat_is_held_pending_and_counts_against_capacity()
    {
        var (roster, pending) = SeatRules.Join(Roster(capacity: 1), Draft("u1"), needsApproval: true, Now);
        var (_, next) = SeatRules.Join(roster, Draft("u2"), needsApproval: true, Now);

        Assert.Equal((SignUpStatus.PendingApproval, (DateTimeOffset?)null), (pending.Status, pending.RegisteredAt));
        Assert.Equal(SignUpStatus.Waitlisted, next.Status);
    }

    [Fact]
    public void A_free_seat_is_offered_to_the_earliest_waiting_until_the_timeout_but_never_past_the_start()
    {
        var roster = Join(Roster(capacity: 1), "u1", "u2", "u3");
        roster = SeatRules.Replace(roster, Of(roster, "u1") with { Status = SignUpStatus.Cancelled });

        var (offered, offers) = SeatRules.OfferFreedSeats(roster, SignUpRole.Participant, Now, TimeSpan.FromHours(12));
        var (_, nearStart) = SeatRules.OfferFreedSeats(roster, SignUpRole.Participant, roster.StartsAt.AddHours(-1), TimeSpan.FromHours(12));
        var (_, afterStart) = SeatRules.OfferFreedSeats(roster, SignUpRole.Participant, roster.StartsAt, TimeSpan.FromHours(12));

        Assert.Equal("u2", Assert.Single(offers).UserId);
        Assert.Equal((SignUpStatus.Offered, Now.AddHours(12)), (Of(offered, "u2").Status, Of(offered, "u2").OfferExpiresAt!.Value));
        Assert.Equal(SignUpStatus.Waitlisted, Of(offered, "u3").Status);
        Assert.Equal(roster.StartsAt, Assert.Single(nearStart).OfferExpiresAt);
        Assert.Empty(afterStart);
    }

    [Fact]
    public void Nobody_jumps_the_queue_while_someone_waits_for_a_seat_that_is_offered()
    {
        var roster = Join(Roster(capacity: 1), "u1", "u2");
        roster = SeatRules.Replace(roster, Of(roster, "u1") with { Status = SignUpStatus.Cancelled });
        roster = SeatRules.OfferFreedSeats(roster, SignUpRole.Participant, Now, TimeSpan.FromHours(1)).Roster;

        var (_, late) = SeatRules.Join(roster, Draft("u3"), false, Now);

        Assert.Equal(SignUpStatus.Waitlisted, late.Status);
    }

    [Theory]
    [InlineData(-25, "cancelled")]
    [InlineData(-24, "cancelled")]
    [InlineData(-23, "cancelled_late")]
    public void Cancelling_after_the_cut_off_before_the_start_is_late(int hoursFromStart, string expected)
    {
        var roster = Roster(capacity: 1);

        Assert.Equal(expected, RosterTransitions.Code(SeatRules.CancelledStatus(roster, 24, roster.StartsAt.AddHours(hoursFromStart))));
    }

    [Fact]
    public void The_session_end_records_attendance_and_lapses_what_is_still_open()
    {
        var roster = Join(Roster(capacity: 3), "came", "absent", "pending", "waiting");
        roster = SeatRules.Replace(roster, Of(roster, "pending") with { Status = SignUpStatus.Offered });
        roster = SeatRules.Replace(roster, Of(roster, "waiting") with { Status = SignUpStatus.Waitlisted });

        var closed = SeatRules.Close(roster, new HashSet<string> { Of(roster, "came").Id }, roster.EndsAt);

        Assert.Equal(
            ["attended", "no_show", "offer_expired", "waitlisted"],
            closed.SignUps.Select(s => RosterTransitions.Code(s.Status)));
        Assert.Equal(roster.EndsAt, closed.ClosedAt);
    }

    [Fact]
    public void A_person_signs_up_once_for_themselves_and_once_per_child()
    {
        var roster = SeatRules.Join(Roster(capacity: 5), Draft("g", child: new ChildDetails("小明", 8)), false, Now).Roster;

        Assert.NotNull(SeatRules.Duplicate(roster, "g", new ChildDetails("小明", 8)));
        Assert.Null(SeatRules.Duplicate(roster, "g", new ChildDetails("小红", 6)));
        Assert.Null(SeatRules.Duplicate(roster, "g", null));
    }

    [Theory]
    [InlineData("s1-0123456789abcdef0123456789abcdef", "s1")]
    [InlineData("s12-0123456789abcdef0123456789abcdef", "s12")]
    [InlineData("s1-0123456789ABCDEF0123456789ABCDEF", null)]
    [InlineData("0123456789abcdef0123456789abcdef", null)]
    [InlineData("s1-s2-0123456789abcdef0123456789abcdef", null)]
    public void A_sign_up_id_names_its_session(string id, string? session) => Assert.Equal(session, SessionRoster.SessionOf(id));

    [Fact]
    public void Cancelling_the_activity_cancels_held_and_waiting_sign_ups_and_keeps_the_ended_ones()
    {
        var roster = Join(Roster(capacity: 1), "seated", "waiting", "left");
        roster = SeatRules.Replace(roster, Of(roster, "left") with { Status = SignUpStatus.Cancelled });

        var (after, cancelled) = SeatRules.Cancel(roster, Now);

        Assert.Equal(["seated", "waiting"], cancelled.Select(s => s.UserId));
        Assert.Equal([SignUpStatus.ActivityCancelled, SignUpStatus.ActivityCancelled, SignUpStatus.Cancelled], after.SignUps.Select(s => s.Status));
        Assert.Equal(Now, after.CancelledAt);
        Assert.Equal(new SeatSummary(0, 0, false, false), after.Seats);
    }

    [Fact]
    public void The_seat_summary_counts_places_left_per_role_and_whether_anyone_waits()
    {
        var roster = Join(Roster(capacity: 2, volunteerPlaces: 3), "p1", "p2", "p3");
        roster = SeatRules.Join(roster, Draft("v1", SignUpRole.Volunteer), false, Now).Roster;

        Assert.Equal(new SeatSummary(0, 2, WaitingList: true, VolunteerWaitingList: false), roster.Seats);
        Assert.Equal(new SeatSummary(0, 0, false, false), (roster with { ClosedAt = Now }).Seats);
    }
}
