using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// The WeChat simulator on its own Kestrel at 127.0.0.1, started in-process by tests or a local runner.
/// Point the WeChat client's BaseAddress at <see cref="BaseAddress"/>; drive and inspect it through
/// <see cref="State"/> or the <c>/__simulator</c> endpoints.
/// </summary>
public sealed class WeChatSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WeChatSimulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        State = app.Services.GetRequiredService<WeChatSimulatorState>();
    }

    /// <summary>Where the simulator listens, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    public WeChatSimulatorState State { get; }

    public WeChatSimulatorOptions Options => State.Options;

    /// <summary>
    /// The openid that <c>jscode2session</c> returns for a <c>demo-</c> or <c>dev-</c> code, the same in every run,
    /// so demo data can be seeded for known users.
    /// </summary>
    public static string OpenIdFor(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        return OpenIds.For(code);
    }

    public static async Task<WeChatSimulator> StartAsync(WeChatSimulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new WeChatSimulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(WeChatSimulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Logging.ClearProviders();
        if (options.LoggerFactory is not null)
        {
            builder.Logging.AddProvider(new ForwardingLoggerProvider(options.LoggerFactory));
        }

        // ASP.NET Core's request logs print query strings, which carry the AppSecret and tokens.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddWeChatSimulator(options);

        var app = builder.Build();
        app.MapWeChatSimulator();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new WeChatSimulator(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
