using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Telemetry;

namespace GongTongDizao.Core.Tests.Telemetry;

/// <summary>The custom events' names, dimension keys and values, against the contract table in docs/deploy.md.</summary>
public sealed partial class AppEventsTests
{
    private readonly RecordingTelemetry _sink = new();

    private AppEvents Events => new(_sink);

    [Fact]
    public void A_status_change_carries_enum_names_and_an_empty_from_for_a_new_letter()
    {
        Events.LetterStatusChanged("420106001001~abc", "420106001001", null, LetterStatus.Submitted, LetterCategory.DailyLife);
        Events.LetterStatusChanged("420106001001~abc", "420106001001", LetterStatus.InProgress, LetterStatus.Replied, LetterCategory.Employment);

        Assert.Collection(
            _sink.Events,
            e => AssertEvent(e, "LetterStatusChanged", ("letterId", "420106001001~abc"), ("communityId", "420106001001"), ("from", ""), ("to", "Submitted"), ("category", "DailyLife")),
            e => AssertEvent(e, "LetterStatusChanged", ("letterId", "420106001001~abc"), ("communityId", "420106001001"), ("from", "InProgress"), ("to", "Replied"), ("category", "Employment")));
    }

    [Fact]
    public void The_workbook_default_statuses_are_letter_status_names()
    {
        // infra/workbooks/admin.workbook.json: ReceivedStatus = "Submitted", AcceptedStatus = "Accepted".
        Events.LetterStatusChanged("l", "c", null, LetterStatus.Submitted, LetterCategory.Other);
        Events.LetterStatusChanged("l", "c", LetterStatus.Submitted, LetterStatus.Accepted, LetterCategory.Other);

        Assert.Equal(["Submitted", "Accepted"], _sink.Events.Select(e => e.Properties["to"]));
    }

    [Fact]
    public void An_evaluation_carries_resolved_as_true_or_false_and_the_satisfaction()
    {
        Events.LetterEvaluated("l1", "c1", resolved: true, satisfaction: 5);
        Events.LetterEvaluated("l2", "c1", resolved: false, satisfaction: 1);

        Assert.Collection(
            _sink.Events,
            e => AssertEvent(e, "LetterEvaluated", ("letterId", "l1"), ("communityId", "c1"), ("resolved", "true"), ("satisfaction", "5")),
            e => AssertEvent(e, "LetterEvaluated", ("letterId", "l2"), ("communityId", "c1"), ("resolved", "false"), ("satisfaction", "1")));
    }

    [Fact]
    public void Topic_events_carry_the_topic_and_its_community()
    {
        Events.DeliberationHeld("t1", "c1");
        Events.DeedDone("t1", "c1");

        Assert.Collection(
            _sink.Events,
            e => AssertEvent(e, "DeliberationHeld", ("topicId", "t1"), ("communityId", "c1")),
            e => AssertEvent(e, "DeedDone", ("topicId", "t1"), ("communityId", "c1")));
    }

    [Fact]
    public void Delivery_events_carry_the_outcome_template_and_errcode()
    {
        Events.NotificationDelivery("skipped", "letterAccepted");
        Events.WeChatSendFailed("letterAccepted", "43101");

        Assert.Collection(
            _sink.Events,
            e => AssertEvent(e, "NotificationDelivery", ("outcome", "skipped"), ("templateKey", "letterAccepted"), ("count", "1")),
            e => AssertEvent(e, "WeChatSendFailed", ("templateKey", "letterAccepted"), ("errCode", "43101")));
    }

    [Fact]
    public void Every_event_of_the_deploy_guide_is_emitted_with_exactly_its_dimensions()
    {
        Events.LetterStatusChanged("l", "c", null, LetterStatus.Submitted, LetterCategory.Other);
        Events.LetterEvaluated("l", "c", true, 4);
        Events.DeliberationHeld("t", "c");
        Events.DeedDone("t", "c");
        Events.NotificationDelivery("sent", "letterAccepted");
        Events.WeChatSendFailed("letterAccepted", "-1");

        var emitted = _sink.Events.ToDictionary(e => e.Name, e => e.Properties.Keys.ToList());
        var documented = DocumentedEvents();
        Assert.Equal(documented.Keys.Order(StringComparer.Ordinal), emitted.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, keys) in documented)
        {
            Assert.Equal(keys, emitted[name]);
        }
    }

    private static void AssertEvent(RecordingTelemetry.Event actual, string name, params (string Key, string Value)[] properties)
    {
        Assert.Equal(name, actual.Name);
        Assert.Equal(properties.Select(p => KeyValuePair.Create(p.Key, p.Value)), actual.Properties);
    }

    /// <summary>The rows of the table under "Telemetry the app must emit": event name → dimension keys, in order.</summary>
    private static Dictionary<string, List<string>> DocumentedEvents()
    {
        var guide = File.ReadAllText(FindUpwards("docs/deploy.md"));
        var section = guide[guide.IndexOf("## Telemetry the app must emit", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var events = new Dictionary<string, List<string>>();
        foreach (Match row in TableRow().Matches(section))
        {
            // Parenthesised parts list values (`true`/`false`), not keys.
            var dimensions = Parenthesised().Replace(row.Groups["dimensions"].Value, string.Empty);
            events[row.Groups["name"].Value] = [.. Backticked().Matches(dimensions).Select(m => m.Groups[1].Value)];
        }

        Assert.NotEmpty(events);
        return events;
    }

    /// <summary>Found from this source file, so it works whatever the build's output folder.</summary>
    private static string FindUpwards(string relative, [CallerFilePath] string source = "")
    {
        for (var dir = new FileInfo(source).Directory; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} was not found above {source}.");
    }

    [GeneratedRegex(@"^\| `(?<name>[A-Za-z]+)` \| (?<dimensions>[^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
