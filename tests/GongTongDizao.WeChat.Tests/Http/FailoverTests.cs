using System.Net;
using System.Net.Sockets;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat.Tests.Http;

/// <summary>
/// When the first host cannot be reached, calls go to the next one (WeChat documents api2.weixin.qq.com as the host to
/// use when api.weixin.qq.com is unreachable); a WeChat errcode is an answer and never moves a call.
/// </summary>
public class FailoverTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task With_the_first_host_down_every_kind_of_call_goes_to_the_backup()
    {
        var before = fixture.State.Stats;
        await using var services = fixture.CreateServices(o =>
        {
            o.BaseAddress = ClosedLoopbackPort();
            o.BackupAddresses = [fixture.Simulator.BaseAddress];
        });
        var client = services.GetRequiredService<WeChatClient>();

        // jscode2session is not idempotent: it may move only because the connection never opened.
        var session = await client.Code2SessionAsync(fixture.State.IssueLoginCode().Code);
        var check = await client.CheckTextAsync(new TextCheckRequest(session.OpenId, "你好"));

        Assert.Equal(ContentSuggest.Pass, check.Suggest);
        var after = fixture.State.Stats;
        Assert.Equal(before.CallsTo(SimulatorApis.Code2Session) + 1, after.CallsTo(SimulatorApis.Code2Session));
        Assert.Equal(before.CallsTo(SimulatorApis.MsgSecCheck) + 1, after.CallsTo(SimulatorApis.MsgSecCheck));
        Assert.True(after.CallsTo(SimulatorApis.StableToken) > before.CallsTo(SimulatorApis.StableToken));
    }

    [Fact]
    public async Task Without_a_backup_a_host_that_is_down_is_a_transport_failure()
    {
        await using var services = fixture.CreateServices(o => o.BaseAddress = ClosedLoopbackPort());

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            services.GetRequiredService<WeChatClient>().Code2SessionAsync(fixture.State.IssueLoginCode().Code));
    }

    [Fact]
    public async Task A_WeChat_errcode_from_the_first_host_is_the_answer()
    {
        await using var backup = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions
        {
            AppId = fixture.Simulator.Options.AppId, AppSecret = fixture.Simulator.Options.AppSecret,
        });
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.Code2Session, ErrCode: -1, Count: 2));
        await using var services = fixture.CreateServices(o => o.BackupAddresses = [backup.BaseAddress]);

        var error = await Assert.ThrowsAsync<WeChatApiException>(() =>
            services.GetRequiredService<WeChatClient>().Code2SessionAsync(fixture.State.IssueLoginCode().Code));

        Assert.Equal(WeChatErrorCodes.SystemBusy, error.ErrCode);
        Assert.Equal(0, backup.State.Stats.CallsTo(SimulatorApis.Code2Session));
        fixture.State.ClearFaults();
    }

    [Fact]
    public void The_public_host_has_api2_as_its_documented_backup_and_a_simulator_has_none()
    {
        Assert.Equal(
            [new Uri("https://api.weixin.qq.com/"), new Uri("https://api2.weixin.qq.com/")],
            new WeChatClientOptions().ApiHosts());
        Assert.Equal([fixture.Simulator.BaseAddress], new WeChatClientOptions { BaseAddress = fixture.Simulator.BaseAddress }.ApiHosts());
        Assert.Equal(
            [new Uri("https://sh.api.weixin.qq.com/"), new Uri("https://api2.weixin.qq.com/"), new Uri("https://sz.api.weixin.qq.com/")],
            new WeChatClientOptions
            {
                BaseAddress = new Uri("https://sh.api.weixin.qq.com/"),
                BackupAddresses = [new Uri("https://api2.weixin.qq.com/"), new Uri("https://sz.api.weixin.qq.com/")],
            }.ApiHosts());
    }

    [Theory]
    [InlineData("http://api2.weixin.qq.com/", "BackupAddresses:0 must be an absolute https URL")]
    [InlineData("https://api.weixin.qq.com/", "BackupAddresses:0 repeats WeChat:BaseAddress")]
    public void Backup_hosts_are_validated_at_start(string backup, string message)
    {
        var options = new WeChatClientOptions();
        TestValues.Apply(options);
        options.BackupAddresses = [new Uri(backup)];

        var result = new WeChatClientOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Backup_hosts_bind_from_app_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:AppId"] = TestValues.AppId,
            ["WeChat:AppSecret"] = TestValues.AppSecret,
            ["WeChat:Token"] = TestValues.Token,
            ["WeChat:EncodingAesKey"] = TestValues.EncodingAesKey,
            ["WeChat:BackupAddresses:0"] = "https://api2.weixin.qq.com",
            ["WeChat:BackupAddresses:1"] = "https://hk.api.weixin.qq.com",
        }).Build();
        var services = new ServiceCollection();
        services.AddWeChatClient(configuration.GetSection("WeChat"));
        using var provider = services.BuildServiceProvider();

        var hosts = provider.GetRequiredService<IOptions<WeChatClientOptions>>().Value.ApiHosts();

        Assert.Equal(["api.weixin.qq.com", "api2.weixin.qq.com", "hk.api.weixin.qq.com"], hosts.Select(h => h.Host));
    }

    [Fact]
    public async Task By_default_api2_takes_over_and_keeps_the_calls_while_api_is_unreachable()
    {
        using var stub = new StubHttpHandler();
        stub.Always("/wxa/msg_sec_check", """{"errcode":0,"errmsg":"ok","result":{"suggest":"pass","label":100},"trace_id":"t-1"}""");
        using var down = new HostDownHandler("api.weixin.qq.com", stub);
        await using var services = WeChatTestServices.Build(TestValues.Apply, down);
        var client = services.GetRequiredService<WeChatClient>();

        await client.CheckTextAsync(new TextCheckRequest(SimulatorFixture.ActiveOpenId, "一"));
        var triedPrimary = down.Hosts.Count(h => h == "api.weixin.qq.com");
        await client.CheckTextAsync(new TextCheckRequest(SimulatorFixture.ActiveOpenId, "二"));

        Assert.True(triedPrimary > 0);
        // After the failover the backup is asked first: the dead host costs no more connection attempts.
        Assert.Equal(triedPrimary, down.Hosts.Count(h => h == "api.weixin.qq.com"));
        Assert.All(stub.Requests, r => Assert.Equal("api2.weixin.qq.com", r.Uri.Host));
        Assert.Equal(2, stub.RequestsTo("/wxa/msg_sec_check").Count);
    }

    /// <summary>Refuses connections to one host, as a host that is down does, and passes the others on.</summary>
    private sealed class HostDownHandler(string downHost, HttpMessageHandler others) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _others = new(others, disposeHandler: false);

        public System.Collections.Concurrent.ConcurrentQueue<string> Hosts { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Hosts.Enqueue(request.RequestUri!.Host);
            return request.RequestUri.Host == downHost
                ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
                : _others.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _others.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A loopback port nobody listens on: connecting is refused at once.</summary>
    private static Uri ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
