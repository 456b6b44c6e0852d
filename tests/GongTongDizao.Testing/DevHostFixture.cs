using System.Text.Json.Nodes;
using GongTongDizao.Core.Configuration;
using GongTongDizao.DevHost;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Testing;

/// <summary>
/// The local Functions host, started in-process on a free loopback port against the real emulators exactly as
/// ./run.sh starts it: the app runs as the real isolated worker in a process of its own. <see cref="Services"/> is
/// the test's own view of the same stores and of the WeChat simulator, for arranging and asserting; the app's
/// container lives in the worker and is out of reach, as in Azure.
/// </summary>
public class DevHostFixture : IAsyncLifetime
{
    private LocalFunctionsHost? _host;
    private ServiceProvider? _services;

    public const string FunctionKey = "test-function-key";
    public const string MasterKey = "test-master-key";

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public CapturedLogs Logs { get; } = new();

    public LocalFunctionsHost Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public IServiceProvider Services => _services ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>The clock the worker and the test share, when <see cref="UsesShiftableClock"/>.</summary>
    public ShiftableClock Clock => _clock ?? throw new InvalidOperationException($"{GetType().Name} does not use a shiftable clock.");

    /// <summary>The clock the worker reads: the shiftable clock when there is one, otherwise the system's. Tests read time here.</summary>
    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();

    private ShiftableClock? _clock;
    private string? _hostJson;

    protected virtual bool UsesShiftableClock => false;

    public HttpClient CreateClient() => new(ExchangeRecorder.Wrap(new SocketsHttpHandler())) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public virtual async Task InitializeAsync()
    {
        _clock = UsesShiftableClock ? new ShiftableClock() : null;
        var arguments = Arguments().ToList();
        var hostJson = JsonNode.Parse(File.ReadAllText(FunctionApp.Locate(null).HostJsonPath))!;
        if (ConfigureHostJson(hostJson))
        {
            _hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
            File.WriteAllText(_hostJson, hostJson.ToJsonString());
            arguments.Add($"--DevHost:HostJsonPath={_hostJson}");
        }

        if (_clock is not null)
        {
            arguments.Add($"--{OffsetFileTimeProvider.SettingName}={_clock.FilePath}");
        }

        _host = await LocalFunctionsHost.StartAsync([.. arguments], logging => logging.AddProvider(Logs));
        BaseAddress = _host.BaseAddress;
        _services = BuildTestServices(_host);
    }

    /// <summary>Stops the host and its worker, then scans every line they logged for secrets (see <see cref="LogHygieneReport"/>).</summary>
    public virtual async Task DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        // Read before the simulator goes: it knows every token and openid it handed out.
        var secrets = _services is null ? [] : HostSecrets.Of(_services).ToList();
        await _host.DisposeAsync();
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        _clock?.Dispose();
        if (_hostJson is not null)
        {
            File.Delete(_hostJson);
        }

        LogHygieneReport.Write(GetType().Name, $"{GetType().Name} {BaseAddress}", [.. Logs.Lines], secrets);
    }

    /// <summary>Whether this host also seeds the 青年点单 demo (teams and orders); only tests that read them need it.</summary>
    protected virtual bool SeedsDemoVolunteering => false;

    protected virtual IEnumerable<string> Arguments() =>
    [
        "--urls=http://127.0.0.1:0",
        $"--DevHost:FunctionKey={FunctionKey}",
        $"--DevHost:MasterKey={MasterKey}",
        $"--DevHost:SeedDemoVolunteering={SeedsDemoVolunteering}",
        "--LocalStack:StopWithProcess=true",
    ];

    /// <summary>
    /// Changes a copy of the app's host.json that the host then uses (shorter queue timings, more log levels);
    /// returns whether anything was changed. The app's own host.json is never touched.
    /// </summary>
    protected virtual bool ConfigureHostJson(JsonNode hostJson) => false;

    /// <summary>Test-side registrations only (fakes handed to handlers the test calls itself); the worker never sees them.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    private ServiceProvider BuildTestServices(LocalFunctionsHost host)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(host.AppSettings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
        if (_clock is not null)
        {
            services.AddSingleton<TimeProvider>(_clock);
        }

        if (host.Simulator is { } simulator)
        {
            services.AddSingleton(simulator);
        }

        ConfigureTestServices(services);
        services.AddGongTongDizaoFunctions(configuration);
        services.TryAddSingleton(host);
        return services.BuildServiceProvider();
    }
}
