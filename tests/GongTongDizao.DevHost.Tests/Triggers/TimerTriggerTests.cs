using System.Globalization;
using System.Text.Json;
using GongTongDizao.DevHost.Triggers;
using GongTongDizao.Testing;

namespace GongTongDizao.DevHost.Tests.Triggers;

[Collection(TriggersCollection.Name)]
public sealed class TimerTriggerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_TimerInterval_a_yearly_timer_runs_repeatedly_with_a_schedule_status()
    {
        var invoker = new RecordingInvoker();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Timer("Yearly", "0 0 0 1 1 *")],
            timerInterval: TimeSpan.FromMilliseconds(500));

        await Eventually.TrueAsync(() => invoker.Calls.Count >= 3, s_wait, "the timer runs three times");
        var payloads = invoker.Calls.Take(3).Select(c => JsonDocument.Parse(c.Invocation.Payload).RootElement).ToList();
        Assert.All(payloads, p =>
        {
            Assert.False(p.GetProperty("IsPastDue").GetBoolean());
            Assert.Equal(JsonValueKind.Object, p.GetProperty("Schedule").ValueKind);
            Assert.True(p.GetProperty("Schedule").TryGetProperty("AdjustForDST", out _));
            var status = p.GetProperty("ScheduleStatus");
            Assert.Equal(JsonValueKind.Object, status.ValueKind);
            Assert.All(new[] { "Last", "Next", "LastUpdated" }, name => Time(status, name));
        });
        Assert.True(Time(payloads[2].GetProperty("ScheduleStatus"), "Last") > Time(payloads[1].GetProperty("ScheduleStatus"), "Last"),
            "Last moves on from run to run");
        Assert.All(invoker.Calls, c => Assert.Equal("Yearly", c.Invocation.Function.Name));
    }

    [Fact]
    public async Task A_timer_runs_on_its_ncrontab_schedule()
    {
        var invoker = new RecordingInvoker();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Timer("EverySecond", "*/1 * * * * *")]);

        await Eventually.TrueAsync(() => invoker.Calls.Count >= 2, s_wait, "the every-second timer runs twice");
        var payload = JsonDocument.Parse(invoker.Calls[1].Invocation.Payload).RootElement;
        Assert.True(payload.GetProperty("Schedule").GetProperty("AdjustForDST").GetBoolean());
        Assert.False(payload.GetProperty("IsPastDue").GetBoolean());
        var status = payload.GetProperty("ScheduleStatus");
        Assert.InRange(Time(status, "Next") - Time(status, "Last"), TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1));
        Assert.Equal(0, Time(status, "Next").Millisecond); // the next whole second of "*/1 * * * * *"
    }

    [Fact]
    public async Task A_yearly_timer_with_runOnStartup_runs_once_at_start()
    {
        var invoker = new RecordingInvoker();
        var function = new TriggerFunction("id-Startup", "Startup", "timer",
            """{"name":"timer","type":"timerTrigger","direction":"In","schedule":"0 0 0 1 1 *","runOnStartup":true}""");
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [function]);

        await Eventually.TrueAsync(() => invoker.Calls.Count == 1, s_wait, "the timer runs at start");
        Assert.False(JsonDocument.Parse(invoker.Calls[0].Invocation.Payload).RootElement.GetProperty("IsPastDue").GetBoolean());
    }

    [Fact]
    public async Task A_timer_schedule_with_a_setting_reference_uses_the_setting()
    {
        var invoker = new RecordingInvoker();
        await using var host = await TriggerTestHost.StartAsync(azurite, invoker, [TriggerTestHost.Timer("Configured", "%CleanupSchedule%")],
            settings: new Dictionary<string, string?> { ["CleanupSchedule"] = "*/1 * * * * *" });

        await Eventually.TrueAsync(() => invoker.Calls.Count >= 1, s_wait, "the timer runs on the configured schedule");
    }

    // DateTime, not DateTimeOffset: the first run's Last is DateTime's default, which has no UTC value east of Greenwich.
    private static DateTime Time(JsonElement status, string name) =>
        DateTime.Parse(status.GetProperty(name).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
