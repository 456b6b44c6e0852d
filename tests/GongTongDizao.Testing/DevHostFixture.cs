using GongTongDizao.DevHost;
using GongTongDizao.DevHost.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Testing;

/// <summary>
/// The DevHost, started in-process on a free loopback port against the real emulators, exactly as ./run.sh starts
/// it. Subclasses add test-only functions or settings.
/// </summary>
public class DevHostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public const string FunctionKey = "test-function-key";
    public const string MasterKey = "test-master-key";

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The DevHost has not started.");

    public HttpClient CreateClient() => new(ExchangeRecorder.Wrap(new SocketsHttpHandler())) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public virtual async Task InitializeAsync()
    {
        _app = await DevHostApp.CreateAsync(
            [.. Arguments()],
            builder =>
            {
                builder.Logging.AddProvider(Logs);
                ConfigureHost(builder);
            },
            ExtraFunctions());
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Stops the host, then scans every line it logged for secrets (see <see cref="LogHygieneReport"/>).</summary>
    public virtual async Task DisposeAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _app.StopAsync();
        // Read before disposing the container; the simulator outlives it (it is registered as an instance).
        var secrets = HostSecrets.Of(_app.Services).ToList();
        await _app.DisposeAsync();
        LogHygieneReport.Write(GetType().Name, $"{GetType().Name} {BaseAddress}", [.. Logs.Lines], secrets);
    }

    protected virtual IEnumerable<string> Arguments() =>
    [
        "--urls=http://127.0.0.1:0",
        $"--DevHost:FunctionKey={FunctionKey}",
        $"--DevHost:MasterKey={MasterKey}",
        "--LocalStack:StopWithProcess=true",
    ];

    protected virtual void ConfigureHost(WebApplicationBuilder builder)
    {
    }

    protected virtual IEnumerable<FunctionDescriptor> ExtraFunctions() => [];
}
