using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace GongTongDizao.Bench;

/// <summary>
/// Part 3 of ./bench.sh: how long the DevHost takes from process start to the first 200 from /api/health, and what
/// the first authenticated request then costs (lazy initialisation: key derivation, the Cosmos client's account
/// read and first queries, code2Session at the WeChat simulator). That the Functions app calls no network while
/// it starts is proven by a test, not here: GongTongDizao.Functions.Tests.StartUpNetworkTests.
/// </summary>
internal static class StartUp
{
    /// <summary>Azurite's blob and queue ports and the Cosmos emulator's, as LocalStackOptions has them by default.</summary>

    public static async Task<string> RunAsync(BenchOptions options)
    {
        // With the emulators already up the DevHost reuses them (StartEmulators stays on, as developers run it);
        // were they down, the first run would time the emulators' start instead of the DevHost's.
        await RequireEmulatorsAsync();
        var runs = new List<Run>();
        var count = options.Quick ? 1 : 3;
        for (var i = 1; i <= count; i++)
        {
            Console.Error.WriteLine($"start-up run {i} of {count}…");
            runs.Add(await MeasureAsync(options));
        }

        return Render(runs, options);
    }

    private static async Task<Run> MeasureAsync(BenchOptions options)
    {
        await using var devHost = await DevHostProcess.StartAsync(options);
        // A fresh client: the first request also pays for its own connection, as a phone's first request does.
        using var http = devHost.CreateClient();
        var clock = Stopwatch.StartNew();
        using var login = await http.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { code = $"dev-{Guid.NewGuid():N}" });
        await Expect(login, "POST /api/auth/login");
        var loginTime = clock.Elapsed;
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("The login response has no token.");

        var firstMe = await GetMeAsync(http, token);
        var secondMe = await GetMeAsync(http, token);
        return new Run(devHost.StartUpTime, loginTime, firstMe, secondMe, devHost.PeakWorkingSet());
    }

    private static async Task<TimeSpan> GetMeAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/me", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        await Expect(response, "GET /api/me");
        return clock.Elapsed;
    }

    private static async Task Expect(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task RequireEmulatorsAsync()
    {
        // The ports bench.sh started the emulators on: LocalStack's defaults unless LocalStack__*Port say otherwise.
        var stack = BenchEmulators.Options();
        foreach (var port in new[] { stack.BlobPort, stack.QueuePort, stack.CosmosPort })
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException(
                    $"Nothing listens on 127.0.0.1:{port}. Start the emulators first (./bench.sh does, or: dotnet GongTongDizao.DevHost.dll --emulators-only) so the start-up time is the DevHost's own.");
            }
        }
    }

    private static string Render(List<Run> runs, BenchOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine("## Start-up");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"The DevHost ({options.Configuration} build) started {runs.Count} time(s) as a child process against emulators already running, with its defaults: it reuses the emulators, provisions the data plane (idempotent), seeds the demo data and starts the WeChat simulator before it answers. The first requests then go through a new connection to a process that has served nothing but /api/health.");
        text.AppendLine();
        text.AppendLine("| measure | min | median |");
        text.AppendLine("|---|---:|---:|");
        Line(text, "process start → first 200 from /api/health", runs.Select(r => r.StartUp), Seconds);
        Line(text, "first login of a new user (POST /api/auth/login)", runs.Select(r => r.Login), Milliseconds);
        Line(text, "first authenticated request (GET /api/me)", runs.Select(r => r.FirstMe), Milliseconds);
        Line(text, "second GET /api/me (warm)", runs.Select(r => r.SecondMe), Milliseconds);
        Line(text, "peak working set after these requests", runs.Select(r => r.PeakWorkingSet), b => string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0 / 1024.0:N0} MB"));
        text.AppendLine();
        text.AppendLine("The DevHost's own start-up talks to the emulators on purpose (provisioning, demo data). The Functions app's does not: `StartUpNetworkTests` (tests/GongTongDizao.Functions.Tests, part of ./test.sh) builds the worker's services as Program.cs does, with Cosmos, Storage and WeChat each pointed at a recording listener, with account keys and with a managed identity. Starting the host opens no connection and asks for no token; creating every function class and singleton afterwards (what the first invocations do) calls nothing but the Cosmos SDK's background account read, which a CosmosClient starts when it is constructed: no queue, blob or WeChat call, no access-token prefetch, no container creation.");
        return text.ToString();
    }

    private static void Line<T>(StringBuilder text, string name, IEnumerable<T> values, Func<T, string> format)
    {
        var sorted = values.Order().ToList();
        // The lower middle for an even count: with 1 or 3 runs there is a true median.
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {format(sorted[0])} | {format(sorted[(sorted.Count - 1) / 2])} |");
    }

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:N2} s");

    private static string Milliseconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:N0} ms");

    private sealed record Run(TimeSpan StartUp, TimeSpan Login, TimeSpan FirstMe, TimeSpan SecondMe, long PeakWorkingSet);
}
