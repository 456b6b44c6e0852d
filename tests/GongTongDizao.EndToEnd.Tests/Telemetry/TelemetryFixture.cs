using System.Collections.Concurrent;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.Core.Telemetry;
using GongTongDizao.EndToEnd.Tests.Topics;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Telemetry;

/// <summary>One custom event as the app handed it over.</summary>
public sealed record RecordedEvent(string Name, IReadOnlyDictionary<string, string> Properties);

/// <summary>
/// Every custom event, in order: the worker's, read back from the log lines its telemetry sink writes when no
/// Application Insights connection is configured (<c>Name key=value …</c>), and those of handlers the test calls
/// itself. The worker also works off queue messages of other test hosts (the queues are shared), so tests pick
/// their events by id, or by the call that made them (<see cref="DuringAsync"/>).
/// </summary>
public sealed partial class RecordingTelemetry(CapturedLogs logs) : IAppTelemetry
{
    private const string WorkerCategory = "Worker." + "GongTongDizao.Core.Telemetry.LoggingAppTelemetry";

    private readonly ConcurrentQueue<RecordedEvent> _local = new();
    private readonly AsyncLocal<ConcurrentQueue<RecordedEvent>?> _during = new();

    public IReadOnlyCollection<RecordedEvent> Events =>
        [.. logs.Entries.Where(e => e.Category == WorkerCategory).Select(e => Parse(e.Message)), .. _local];

    public void TrackEvent(string name, IReadOnlyDictionary<string, string> properties)
    {
        var recorded = new RecordedEvent(name, properties);
        _local.Enqueue(recorded);
        _during.Value?.Enqueue(recorded);
    }

    /// <summary>The events of <paramref name="name"/> whose dimension <paramref name="key"/> is <paramref name="value"/>, oldest first.</summary>
    public IReadOnlyList<RecordedEvent> Where(string name, string key, string value) =>
        [.. Events.Where(e => e.Name == name && e.Properties.GetValueOrDefault(key) == value)];

    /// <summary>The events tracked in the asynchronous flow of <paramref name="action"/> (a handler called directly).</summary>
    public async Task<IReadOnlyList<RecordedEvent>> DuringAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var seen = new ConcurrentQueue<RecordedEvent>();
        _during.Value = seen;
        await action();
        return [.. seen];
    }

    /// <summary>"[Function invocation] Name k=v k=v" as the host prints a worker's line.</summary>
    private static RecordedEvent Parse(string message)
    {
        var text = message.StartsWith('[') ? message[(message.IndexOf("] ", StringComparison.Ordinal) + 2)..] : message;
        var parts = Dimension().Split(text);
        var properties = parts.Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        return new RecordedEvent(parts[0], properties);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" (?=[A-Za-z][A-Za-z0-9]*=)")]
    private static partial System.Text.RegularExpressions.Regex Dimension();
}

/// <summary>
/// The DevHost of the topics tests (a clock the tests move) with the custom events recorded, and a fresh street and
/// community of its own so no other test's statistics or letters mix with these.
/// </summary>
public sealed class TelemetryFixture : TopicsFixture
{
    public TelemetryFixture() => Telemetry = new RecordingTelemetry(Logs);

    public RecordingTelemetry Telemetry { get; }

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IAppTelemetry>(Telemetry);

    /// <summary>A new street with one community under the seeded district; staff of the street handle it.</summary>
    public async Task<(string Street, string Community)> ImportTreeAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var district = (await Services.GetRequiredService<OrgDirectory>().AllAsync(CancellationToken.None)).First(o => o.Level == OrgLevel.District).Id;
        var (street, community) = ("T" + suffix, "U" + suffix);
        var (status, body) = await this.SendAsync(HttpMethod.Post, "api/manage/orgs/import", functionKey: FunctionKey, body: new
        {
            orgs = new object[]
            {
                new { id = street, name = "遥测街道" + suffix[..4], level = "street", parentId = district },
                new { id = community, name = "遥测社区" + suffix[..4], level = "community", parentId = street },
            },
        });
        Assert.True(status == 200, body.ToString());
        return (street, community);
    }

    /// <summary>A new person living in <paramref name="communityId"/> with a staff role over <paramref name="orgId"/>.</summary>
    public async Task<string> NewStaffAsync(string communityId, string role, string orgId)
    {
        var (token, userId) = await NewResidentAsync(communityId, "工作人员");
        var (status, body) = await this.SendAsync(HttpMethod.Post, $"api/manage/users/{userId}/roles", body: new { role, orgId }, functionKey: FunctionKey);
        Assert.True(status == 200, body.ToString());
        return token;
    }
}
