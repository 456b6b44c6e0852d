using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Topics;

namespace GongTongDizao.Core.Tests.Topics;

/// <summary>Every (state, action, role) combination against the rules written out independently here.</summary>
public sealed class TopicStateMachineTests
{
    private static readonly TopicRole[] s_roles = [TopicRole.Author, TopicRole.Resident, TopicRole.Staff, TopicRole.Moderator, TopicRole.System];

    // The five steps and the side states as the issue describes them: (from, action, who) → to.
    private static readonly (TopicStatus From, TopicAction Action, TopicRole Role, TopicStatus To)[] s_allowed =
    [
        (TopicStatus.Held, TopicAction.Approve, TopicRole.Moderator, TopicStatus.Proposed),
        (TopicStatus.Held, TopicAction.RejectContent, TopicRole.Moderator, TopicStatus.Hidden),
        (TopicStatus.Held, TopicAction.Withdraw, TopicRole.Author, TopicStatus.Withdrawn),
        (TopicStatus.Proposed, TopicAction.Withdraw, TopicRole.Author, TopicStatus.Withdrawn),
        (TopicStatus.Proposed, TopicAction.Second, TopicRole.Resident, TopicStatus.Proposed),
        (TopicStatus.Proposed, TopicAction.Unsecond, TopicRole.Resident, TopicStatus.Proposed),
        (TopicStatus.Proposed, TopicAction.ReachThreshold, TopicRole.System, TopicStatus.Deliberating),
        (TopicStatus.Proposed, TopicAction.Expire, TopicRole.System, TopicStatus.Expired),
        (TopicStatus.Proposed, TopicAction.Comment, TopicRole.Resident, TopicStatus.Proposed),
        (TopicStatus.Proposed, TopicAction.Comment, TopicRole.Staff, TopicStatus.Proposed),
        (TopicStatus.Proposed, TopicAction.Merge, TopicRole.Staff, TopicStatus.Merged),
        (TopicStatus.Deliberating, TopicAction.Second, TopicRole.Resident, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.Unsecond, TopicRole.Resident, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.Comment, TopicRole.Resident, TopicStatus.Deliberating),
        (TopicStatus.Deliberating, TopicAction.Comment, TopicRole.Staff, TopicStatus.Deliberating),
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
        (TopicStatus.Completed, TopicAction.Evaluate, TopicRole.Resident, TopicStatus.Completed),
    ];

    public static TheoryData<TopicStatus, TopicAction, TopicRole> Combinations()
    {
        var data = new TheoryData<TopicStatus, TopicAction, TopicRole>();
        foreach (var status in Enum.GetValues<TopicStatus>())
        {
            foreach (var action in Enum.GetValues<TopicAction>())
            {
                foreach (var role in s_roles)
                {
                    data.Add(status, action, role);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Every_combination_is_allowed_exactly_when_the_rules_say_so(TopicStatus from, TopicAction action, TopicRole role)
    {
        var expected = s_allowed.Where(a => a.From == from && a.Action == action && a.Role == role).Select(a => (TopicStatus?)a.To).SingleOrDefault();

        var result = TopicStateMachine.Decide(from, action, role);

        if (expected is { } to)
        {
            Assert.True(result.IsSuccess, $"{from} {action} by {role} should be allowed");
            Assert.Equal(to, result.Value);
        }
        else
        {
            Assert.False(result.IsSuccess, $"{from} {action} by {role} should be refused");
            var roleEverAllowed = s_allowed.Any(a => a.Action == action && a.Role == role);
            var actionValidNow = s_allowed.Any(a => a.From == from && a.Action == action);
            var code = roleEverAllowed && !actionValidNow ? ErrorCodes.InvalidState : ErrorCodes.Forbidden;
            Assert.Equal(code, result.Error.Code);
        }
    }

    [Fact]
    public void A_person_with_several_roles_may_do_what_any_of_them_may()
    {
        Assert.True(TopicStateMachine.Allows(TopicStatus.Proposed, TopicAction.Withdraw, TopicRole.Author | TopicRole.Resident));
        Assert.True(TopicStateMachine.Allows(TopicStatus.Proposed, TopicAction.Second, TopicRole.Author | TopicRole.Resident));
        Assert.True(TopicStateMachine.Allows(TopicStatus.Deliberating, TopicAction.Accept, TopicRole.Resident | TopicRole.Staff));
        Assert.False(TopicStateMachine.Allows(TopicStatus.Deliberating, TopicAction.Withdraw, TopicRole.Author | TopicRole.Resident));
        Assert.False(TopicStateMachine.Allows(TopicStatus.Held, TopicAction.Approve, TopicRole.None));
    }

    [Fact]
    public void Terminal_states_allow_nothing_but_late_ratings_of_a_completed_deed()
    {
        foreach (var status in new[] { TopicStatus.Rejected, TopicStatus.Withdrawn, TopicStatus.Expired, TopicStatus.Hidden, TopicStatus.Merged })
        {
            Assert.All(Enum.GetValues<TopicAction>(), action => Assert.False(TopicStateMachine.Allows(status, action, (TopicRole)31), $"{status} {action}"));
        }

        var completed = Enum.GetValues<TopicAction>().Where(a => TopicStateMachine.Allows(TopicStatus.Completed, a, (TopicRole)31));
        Assert.Equal([TopicAction.Evaluate], completed);
    }

    [Fact]
    public void Refusals_in_the_wrong_state_name_the_state_in_Chinese()
    {
        var result = TopicStateMachine.Decide(TopicStatus.Deliberating, TopicAction.Withdraw, TopicRole.Author);

        Assert.Equal(ErrorCodes.InvalidState, result.Error!.Code);
        Assert.Contains("议事中", result.Error.Detail, StringComparison.Ordinal);
    }
}
