using System.Diagnostics;
using System.Net;
using GongTongDizao.DevHost;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;

namespace GongTongDizao.EndToEnd.Tests.Foundation;

/// <summary>The worker's faults as the Functions host handles them: restarts, 503s in flight, nothing left behind.</summary>
public sealed class WorkerLifecycleTests(WorkerLifecycleFixture host) : IClassFixture<WorkerLifecycleFixture>
{
    [Fact]
    public async Task A_killed_worker_is_restarted_a_request_in_flight_gets_a_503_and_a_queued_event_is_still_handled_once()
    {
        var resident = await host.LoginAsync(DemoUsers.Resident);
        var staff = await host.LoginAsync(DemoUsers.YouthWorker);
        var before = host.Host.Supervisor.Starts;
        var worker = host.Host.Supervisor.Process!.FindWorkerProcessId()!.Value;

        // A login that waits on WeChat is in flight when the worker dies.
        host.Host.Simulator!.State.AddFault(new SimulatorFault(SimulatorApis.Code2Session, DelayMs: 20_000));
        using var client = host.CreateClient();
        var inFlight = client.PostAsync(new Uri("api/auth/login", UriKind.Relative), JsonBody("""{"code":"dev-in-flight"}"""));
        // The simulator takes the fault off its board when the call arrives: from then on the login is waiting.
        await Eventually.TrueAsync(() => host.Host.Simulator.State.Faults.Count == 0, TimeSpan.FromSeconds(30));
        var (status, letter) = await host.SendAsync(HttpMethod.Post, "api/letters", resident, new { category = "employment", title = "重启时的来信", content = "工作进程重启时提交的来信，应当只通知一次。", anonymous = false, attachments = Array.Empty<string>() });
        Assert.True(status == 201, letter.ToString());
        var letterId = letter.GetProperty("id").GetString()!;

        Process.GetProcessById(worker).Kill();

        using var answer = await inFlight;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("SERVICE_UNAVAILABLE", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Eventually.TrueAsync(() => host.Host.Supervisor.Starts > before && host.Host.Supervisor.Process?.FindWorkerProcessId() is { } restarted && restarted != worker, TimeSpan.FromSeconds(60));
        // A new worker process is not yet a ready one: until its handshake is done the host answers 503 itself.
        await Eventually.TrueAsync(async () => (await host.SendAsync(HttpMethod.Get, "api/health")).Status == 200, TimeSpan.FromSeconds(60));

        // The submit's event was queued around the crash: the new worker fans it out, and the inbox holds it once. The
        // demo youth worker is told of every letter other hosts' tests submit in the demo community meanwhile, so the
        // item is looked up in the store rather than on the inbox's first page.
        var (_, me) = await host.SendAsync(HttpMethod.Get, "api/me", staff);
        var staffId = me.GetProperty("id").GetString()!;
        var mentions = 0;
        await Eventually.TrueAsync(
            async () => (mentions = (await host.InboxItemsAboutAsync(staffId, letterId)).Count) > 0,
            TimeSpan.FromSeconds(120));
        Assert.Equal(1, mentions);
    }

    [Fact]
    public async Task Stopping_the_host_leaves_no_worker_process()
    {
        var other = new QuietHostFixture();
        await other.InitializeAsync();
        var worker = other.Host.Supervisor.Process!.FindWorkerProcessId()!.Value;
        Assert.True(Directory.Exists($"/proc/{worker}"));

        await other.DisposeAsync();

        await Eventually.TrueAsync(() => !Directory.Exists($"/proc/{worker}"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_bad_signing_key_stops_the_worker_with_the_validation_message()
    {
        var bad = new QuietHostFixture("--Auth:SigningKey=too-short");

        var error = await Assert.ThrowsAsync<WorkerStartException>(bad.InitializeAsync);

        Assert.Contains("exited with code", error.Message, StringComparison.Ordinal);
        Assert.Contains("SigningKey", error.Message, StringComparison.Ordinal);
        await bad.DisposeAsync();
    }

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>A second host without demo data or triggers, for tests of start and stop.</summary>
    private sealed class QuietHostFixture(params string[] extra) : DevHostFixture
    {
        protected override IEnumerable<string> Arguments() => [.. base.Arguments(), "--DevHost:SeedDemoData=false", "--DevHost:RunTriggers=false", .. extra];
    }
}
