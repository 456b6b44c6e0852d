using System.Net;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Http;
using GongTongDizao.DevHost.LocalStack;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.DevHost.Triggers;
using GongTongDizao.DevHost.Worker;
using GongTongDizao.WeChat.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GongTongDizao.DevHost;

/// <summary>
/// What <c>func start</c> does, for this app: the emulators, the WeChat simulator and the data plane around the
/// Functions app's own build output, run as a separate worker process driven over FunctionRpc; HTTP routed and
/// forwarded as the Functions host does; queue and timer triggers on Microsoft's WebJobs listeners.
/// </summary>
public sealed partial class LocalFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly WebApplication _grpc;
    private readonly LocalStackHandle? _stack;
    private TriggerHost? _triggers;
    private string _routePrefix = "api";

    private LocalFunctionsHost(WebApplication web, WebApplication grpc, LocalStackHandle? stack, WeChatSimulator? simulator, HostConfiguration configuration)
    {
        _web = web;
        _grpc = grpc;
        _stack = stack;
        Simulator = simulator;
        AppSettings = configuration.AppSettings;
        Options = configuration.Options;
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The app settings the worker was given (names with ':'), for tests that open the same stores.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    public DevHostOptions Options { get; }

    public WeChatSimulator? Simulator { get; }

    public IServiceProvider Services => _web.Services;

    public WorkerSupervisor Supervisor => _web.Services.GetRequiredService<WorkerSupervisor>();

    /// <summary>Starts everything and returns once the worker has loaded its functions and demo data is in.</summary>
    public static async Task<LocalFunctionsHost> StartAsync(string[] args, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        var configuration = await HostConfiguration.BuildAsync(args, logging, cancellationToken);
        var app = FunctionApp.Locate(configuration.Options.AppDirectory, configuration.Options.HostJsonPath);
        await ProvisionAsync(configuration.AppSettings, cancellationToken);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration.Host);
        configuration.ConfigureLogging(builder.Logging);
        builder.Services.AddSingleton(app);
        builder.Services.AddSingleton(new WorkerSettings(configuration.AppSettings));
        builder.Services.AddSingleton(sp => new WorkerLogSink(sp.GetRequiredService<ILoggerFactory>(), app.HostJson));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WorkerSupervisor>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WorkerSupervisor>());
        builder.Services.AddSingleton(new FunctionKeyAuthorizer(configuration.Options.FunctionKey, configuration.Options.MasterKey));
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<WorkerHttpClient>();
        var web = builder.Build();
        web.UseMiddleware<RequestLogging>();
        web.UseMiddleware<HttpTriggerMiddleware>();

        var grpc = BuildGrpcServer(web.Services.GetRequiredService<WorkerSupervisor>(), configuration);
        var host = new LocalFunctionsHost(web, grpc, configuration.Stack, configuration.Simulator, configuration);
        try
        {
            await host.RunAsync(app, cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// Creates what Bicep declares, in the emulators the worker uses; only loopback endpoints with a key (the
    /// emulators) are touched, never a real account.
    /// </summary>
    public static async Task ProvisionAsync(IReadOnlyDictionary<string, string> appSettings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appSettings);
        if (appSettings.TryGetValue("Cosmos:Endpoint", out var endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var cosmos) && cosmos.IsLoopback
            && appSettings.TryGetValue("Cosmos:Key", out var key) && appSettings.TryGetValue("AzureWebJobsStorage", out var storage))
        {
            await DataPlaneProvisioner.EnsureAsync(cosmos, key, storage, cancellationToken);
        }
    }

    /// <summary>The demo tree and people, through the admin API of this host's worker.</summary>
    public Task SeedDemoDataAsync(CancellationToken cancellationToken) =>
        DemoData.SeedAsync(
            new Uri(BaseAddress, _routePrefix + "/"),
            Options.MasterKey,
            _web.Services.GetRequiredService<TimeProvider>(),
            Options.SeedDemoVolunteering && Simulator is { } simulator ? phone => simulator.State.IssuePhoneCode(phone) : null,
            cancellationToken);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _web.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_triggers is not null)
        {
            await _triggers.StopAsync(CancellationToken.None);
            await _triggers.DisposeAsync();
        }

        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            await _web.StopAsync(stop.Token);
        }

        await _web.DisposeAsync();
        await _grpc.StopAsync(CancellationToken.None);
        await _grpc.DisposeAsync();
        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    private async Task RunAsync(FunctionApp app, CancellationToken cancellationToken)
    {
        _routePrefix = app.HostJson.RoutePrefix;
        await _grpc.StartAsync(cancellationToken);
        Supervisor.GrpcUri = new Uri(Address(_grpc));
        await _web.StartAsync(cancellationToken);
        BaseAddress = new Uri(Address(_web).TrimEnd('/') + "/");

        var firstFailure = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Supervisor.StartFailed += reason => firstFailure.TrySetResult(reason);
        var first = await Task.WhenAny(Supervisor.FirstReady, firstFailure.Task, Task.Delay(Options.StartTimeout, cancellationToken));
        if (first == firstFailure.Task)
        {
            throw new WorkerStartException(firstFailure.Task.Result);
        }

        if (first != Supervisor.FirstReady)
        {
            throw new WorkerStartException($"The Functions worker did not load its functions within {Options.StartTimeout.TotalSeconds} s.");
        }

        var channel = await Supervisor.GetReadyAsync(TimeSpan.Zero, cancellationToken);
        if (Simulator is not null)
        {
            // WeChat pushes to the URL set in its console; here that is this host's push route.
            Simulator.Options.PushUrl = new Uri(BaseAddress, $"{app.HostJson.RoutePrefix}/wechat/push");
        }

        if (Options.RunTriggers)
        {
            _triggers = await StartTriggersAsync(app, channel, cancellationToken);
        }

        if (Options.SeedDemoData)
        {
            await SeedDemoDataAsync(cancellationToken);
        }

        LogListening(_web.Services.GetRequiredService<ILogger<LocalFunctionsHost>>(), BaseAddress.ToString(), channel.Functions.Count);
    }

    private Task<TriggerHost> StartTriggersAsync(FunctionApp app, WorkerChannel channel, CancellationToken cancellationToken)
    {
        var functions = channel.Functions
            .Where(f => f.Http is null)
            .Select(f => new TriggerFunction(f.FunctionId, f.Name, f.TriggerBindingName, f.TriggerBindingJson));
        var options = new TriggerHostOptions
        {
            StorageConnectionString = AppSettings.TryGetValue("AzureWebJobsStorage", out var storage) ? storage : throw new WorkerStartException("AzureWebJobsStorage is not set."),
            HostJsonPath = app.HostJson.Path,
            Settings = AppSettings.ToDictionary(s => s.Key, s => (string?)s.Value),
            TimerInterval = Options.TimerInterval,
            Time = _web.Services.GetRequiredService<TimeProvider>(),
        };
        return TriggerHost.StartAsync(functions, options, new WorkerTriggerInvoker(Supervisor, app.HostJson.FunctionTimeout), _web.Services.GetRequiredService<ILoggerFactory>(), cancellationToken);
    }

    /// <summary>The endpoint the worker connects to: HTTP/2 without TLS on loopback, no message size limit.</summary>
    private static WebApplication BuildGrpcServer(WorkerSupervisor supervisor, HostConfiguration configuration)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configuration.ConfigureLogging(builder.Logging);
        builder.Logging.AddFilter("Grpc", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = null;
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddSingleton(supervisor);
        var grpc = builder.Build();
        grpc.MapGrpcService<FunctionRpcService>();
        return grpc;
    }

    private static string Address(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return address.Replace("//[::]", "//127.0.0.1", StringComparison.Ordinal).Replace("//0.0.0.0", "//127.0.0.1", StringComparison.Ordinal).Replace("//localhost", "//127.0.0.1", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Local Functions host listening on {BaseAddress} with {Count} functions on the worker")]
    private static partial void LogListening(ILogger logger, string baseAddress, int count);
}

/// <summary>The worker could not be started; the message says why, in the worker's own words where it gave any.</summary>
public sealed class WorkerStartException : Exception
{
    public WorkerStartException()
    {
    }

    public WorkerStartException(string message)
        : base(message)
    {
    }

    public WorkerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
