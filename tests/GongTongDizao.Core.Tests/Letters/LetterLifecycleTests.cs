using GongTongDizao.Core.Features.Letters;

namespace GongTongDizao.Core.Tests.Letters;

/// <summary>Every (state, action, role) combination against the lifecycle of issue 5, written out independently here.</summary>
public sealed class LetterLifecycleTests
{
    // state action actor → next. Everything else must be refused.
    private static readonly string[] s_allowed =
    [
        "held approve moderator submitted",
        "held reject moderator rejected",
        "held withdraw author withdrawn",
        "submitted accept staff accepted",
        "submitted transfer staff submitted",
        "submitted mark_duplicate staff duplicate",
        "submitted withdraw author withdrawn",
        "accepted assign staff in_progress",
        "accepted reply staff replied",
        "accepted transfer staff submitted",
        "accepted mark_duplicate staff duplicate",
        "accepted withdraw author withdrawn",
        "in_progress assign staff in_progress",
        "in_progress reply staff replied",
        "in_progress transfer staff submitted",
        "in_progress mark_duplicate staff duplicate",
        "in_progress withdraw author withdrawn",
        "replied evaluate author closed",
        "replied reopen author reopened",
        "replied auto_close system closed",
        "reopened accept staff in_progress",
        "reopened assign staff in_progress",
        "reopened reply staff replied",
        "reopened transfer staff submitted",
    ];

    private static readonly Dictionary<(string, string, string), string> s_expected = s_allowed
        .Select(row => row.Split(' '))
        .ToDictionary(p => (p[0], p[1], p[2]), p => p[3]);

    public static TheoryData<LetterStatus, LetterAction, LetterActor> EveryCombination()
    {
        var data = new TheoryData<LetterStatus, LetterAction, LetterActor>();
        foreach (var status in Enum.GetValues<LetterStatus>())
        {
            foreach (var action in Enum.GetValues<LetterAction>())
            {
                foreach (var actor in Enum.GetValues<LetterActor>())
                {
                    data.Add(status, action, actor);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Each_combination_leads_where_the_issue_says_or_is_refused(LetterStatus status, LetterAction action, LetterActor actor)
    {
        var key = (Code(status), Code(action), Code(actor));

        var next = LetterLifecycle.Next(status, action, actor);

        if (s_expected.TryGetValue(key, out var expected))
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
    public void The_combinations_cover_all_states_actions_and_roles()
    {
        Assert.Equal(10 * 11 * 4, EveryCombination().Count);
        Assert.Equal(s_allowed.Length, EveryCombination().Count(row => LetterLifecycle.Next((LetterStatus)row[0], (LetterAction)row[1], (LetterActor)row[2]) is not null));
    }

    [Fact]
    public void Each_action_belongs_to_the_one_role_the_table_uses_for_it()
    {
        foreach (var action in Enum.GetValues<LetterAction>())
        {
            var roles = s_expected.Keys.Where(k => k.Item2 == Code(action)).Select(k => k.Item3).Distinct().ToList();
            Assert.Equal(Code(LetterLifecycle.ActorOf(action)), Assert.Single(roles));
        }
    }

    [Fact]
    public void Terminal_states_have_no_way_out_and_held_letters_reach_staff_only_through_a_moderator()
    {
        foreach (var status in LetterLifecycle.Terminal)
        {
            Assert.Empty(LetterLifecycle.Allowed(status, Enum.GetValues<LetterActor>()));
        }

        Assert.Empty(LetterLifecycle.Allowed(LetterStatus.Held, [LetterActor.Staff]));
        Assert.Equal(["withdraw"], LetterViews.AllowedActions(LetterStatus.Held, [LetterActor.Author]));
        Assert.Equal(["evaluate"], LetterViews.AllowedActions(LetterStatus.Replied, [LetterActor.Author]));
        Assert.Equal(["accept", "transfer", "duplicate"], LetterViews.AllowedActions(LetterStatus.Submitted, [LetterActor.Staff]));
    }

    private static string Code<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
