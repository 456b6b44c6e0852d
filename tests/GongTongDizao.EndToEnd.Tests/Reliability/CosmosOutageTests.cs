using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using GongTongDizao.DevHost.LocalStack;
using GongTongDizao.DevHost;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>A DevHost on a Cosmos emulator of its own, which the test stops and starts again.</summary>
public sealed class CosmosOutageFixture : DevHostFixture
{
    private Process? _cosmos;

    public int CosmosPort { get; } = FreePort();

    public override async Task InitializeAsync()
    {
        await StartCosmosAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        StopCosmos();
    }

    public async Task StartCosmosAsync()
    {
        var root = RepoFolders.Find("tools");
        var info = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(root, "localstack", "cosmos-emulator.mjs"), "--port", $"{CosmosPort}", "--parent-pid", $"{Environment.ProcessId}" })
        {
            info.ArgumentList.Add(argument);
        }

        _cosmos = Process.Start(info)!;
        await Eventually.TrueAsync(() => IsListening(CosmosPort), TimeSpan.FromSeconds(30));
    }

    public void StopCosmos()
    {
        if (_cosmos is { HasExited: false })
        {
            _cosmos.Kill(entireProcessTree: true);
            _cosmos.WaitForExit(5000);
        }

        _cosmos?.Dispose();
        _cosmos = null;
    }

    /// <summary>The emulator keeps nothing, so after a restart the stores are provisioned and seeded again.</summary>
    public async Task ReseedAsync()
    {
        await LocalFunctionsHost.ProvisionAsync(Host.AppSettings, CancellationToken.None);
        await Host.SeedDemoDataAsync(CancellationToken.None);
    }

    protected override IEnumerable<string> Arguments() =>
    [
        .. base.Arguments(),
        $"--Cosmos:Endpoint=https://127.0.0.1:{CosmosPort}/",
        $"--Cosmos:Key={LocalStackOptions.CosmosEmulatorKey}",
        "--DevHost:RunTriggers=false",
    ];

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class CosmosOutageTests(CosmosOutageFixture host) : IClassFixture<CosmosOutageFixture>
{
    [Fact]
    public async Task Cosmos_down_is_503_with_Retry_After_and_the_service_recovers_when_it_returns()
    {
        var token = await host.LoginAsync(DemoUsers.Resident);
        var (before, _) = await host.SendAsync(HttpMethod.Get, "api/letters/mine", token);

        host.StopCosmos();
        using var client = host.CreateClient();
        using var login = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { code = $"dev-{Guid.NewGuid():N}" });
        var body = await login.Content.ReadAsStringAsync();
        var health = await host.SendAsync(HttpMethod.Get, "api/health");

        await host.StartCosmosAsync();
        await host.ReseedAsync();
        var recovered = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var (after, _) = await host.SendAsync(HttpMethod.Get, "api/me", recovered);
        // Five requests: before, login and health while Cosmos is down, login (inside LoginAsync) and me after.
        var wrong = new[] { before == 200, login.StatusCode == HttpStatusCode.ServiceUnavailable && login.Headers.RetryAfter is not null, health.Status == 503, after == 200 }.Count(ok => !ok);
        CaseTally.Record("cosmos-outage", 5, wrong);

        Assert.Equal(200, before);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, login.StatusCode);
        Assert.NotNull(login.Headers.RetryAfter);
        Assert.Contains("SERVICE_UNAVAILABLE", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.Equal(503, health.Status);
        Assert.Equal(200, after);
    }
}
