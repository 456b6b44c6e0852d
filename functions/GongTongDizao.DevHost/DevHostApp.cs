using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GongTongDizao.Core.Storage;
using GongTongDizao.DevHost.Http;
using GongTongDizao.DevHost.LocalStack;
using GongTongDizao.DevHost.Metadata;
using GongTongDizao.DevHost.Queues;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.DevHost.Timers;
using GongTongDizao.Functions;
using GongTongDizao.Functions.Features.Health;
using GongTongDizao.WeChat.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.DevHost;

/// <summary>
/// Builds the local runner: emulators, the Functions app's own services and function classes served from
/// functions.metadata, queue polling and demo data. Tests build the same app on a free port.
/// </summary>
public static class DevHostApp
{
    public static async Task<WebApplication> CreateAsync(
        string[] args,
        Action<WebApplicationBuilder>? configure = null,
        IEnumerable<FunctionDescriptor>? extraFunctions = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "devhost.settings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection(DevHostOptions.SectionName).Get<DevHostOptions>() ?? new DevHostOptions();

        using var bootLoggers = LoggerFactory.Create(b => b.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(c => c.SingleLine = true));
        var bootLogger = bootLoggers.CreateLogger("GongTongDizao.DevHost");

        var functions = LoadFunctions(options).Concat(extraFunctions ?? []).ToList();
        if (options.StartEmulators)
        {
            var stackOptions = builder.Configuration.GetSection(LocalStackOptions.SectionName).Get<LocalStackOptions>() ?? new LocalStackOptions();
            var stack = await LocalStackLauncher.EnsureStartedAsync(stackOptions, bootLogger, cancellationToken);
            builder.Services.AddSingleton(stack);
            builder.Services.AddHostedService(sp => new LocalStackLifetime(stack));
            UseEmulatorsUnlessConfigured(builder.Configuration, stackOptions);
        }

        if (options.StartWeChatSimulator && string.IsNullOrEmpty(builder.Configuration["WeChat:BaseAddress"]))
        {
            var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions(), cancellationToken);
            builder.Services.AddSingleton(simulator);
            UseSimulator(builder.Configuration, simulator);
        }

        UseLocalKeysUnlessConfigured(builder.Configuration);
        builder.Services.AddGongTongDizaoFunctions(builder.Configuration);
        builder.Services.AddMvcCore();
        if (options.RunQueueTriggers)
        {
            AddQueueListeners(builder, functions, options);
        }

        var app = builder.Build();
        PointSimulatorPushesAtThisHost(app);
        app.UseMiddleware<RequestLogging>();
        app.MapFunctions(functions, new FunctionKeyAuthorizer(options.FunctionKey, options.MasterKey));

        await DataPlaneProvisioner.EnsureAsync(
            app.Services.GetRequiredService<CosmosClient>(),
            app.Services.GetRequiredService<QueueServiceClient>(),
            app.Services.GetRequiredService<BlobServiceClient>(),
            DataPlaneManifest.Embedded,
            cancellationToken);
        if (options.SeedDemoData)
        {
            await DemoData.SeedAsync(app.Services, cancellationToken);
        }

        return app;
    }

    private static List<FunctionDescriptor> LoadFunctions(DevHostOptions options)
    {
        var path = options.MetadataPath ?? Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        return [.. FunctionMetadataReader.ReadFile(path, typeof(HealthFunction).Assembly)];
    }

    private static void UseEmulatorsUnlessConfigured(ConfigurationManager configuration, LocalStackOptions stack)
    {
        var values = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(configuration["Cosmos:Endpoint"]))
        {
            values["Cosmos:Endpoint"] = stack.CosmosEndpoint.ToString();
            values["Cosmos:Key"] = LocalStackOptions.CosmosEmulatorKey;
        }

        if (string.IsNullOrEmpty(configuration[StorageConnection.SettingName]) && string.IsNullOrEmpty(configuration[$"{StorageConnection.SettingName}:queueServiceUri"]))
        {
            values[StorageConnection.SettingName] = stack.StorageConnectionString;
        }

        configuration.AddInMemoryCollection(values);
    }

    /// <summary>
    /// The simulator posts media-check verdicts and subscribe events to the push endpoint, like WeChat does to the
    /// URL set in its console; the address is known only once Kestrel has bound its port.
    /// </summary>
    private static void PointSimulatorPushesAtThisHost(WebApplication app)
    {
        if (app.Services.GetService<WeChatSimulator>() is not { } simulator)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is not null)
            {
                simulator.Options.PushUrl = new Uri(new Uri(address.Replace("//[::]", "//127.0.0.1", StringComparison.Ordinal).Replace("//0.0.0.0", "//127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/"), "api/wechat/push");
            }
        });
    }

    private static void UseSimulator(ConfigurationManager configuration, WeChatSimulator simulator)
    {
        var simulated = new WeChatSimulatorOptions();
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:BaseAddress"] = simulator.BaseAddress.ToString(),
            ["WeChat:AppId"] = simulated.AppId,
            ["WeChat:AppSecret"] = simulated.AppSecret,
            ["WeChat:Token"] = simulated.Token,
            ["WeChat:EncodingAesKey"] = simulated.EncodingAesKey,
            ["WeChat:PushMode"] = "Safe",
        });
    }

    /// <summary>Fresh random keys for each local run, so no signing or encryption key is ever written in the repo.</summary>
    private static void UseLocalKeysUnlessConfigured(ConfigurationManager configuration)
    {
        var values = new Dictionary<string, string?>();
        foreach (var name in new[] { "Auth:SigningKey", "Auth:DataProtectionKey" })
        {
            if (string.IsNullOrEmpty(configuration[name]))
            {
                values[name] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            }
        }

        configuration.AddInMemoryCollection(values);
    }

    private static void AddQueueListeners(WebApplicationBuilder builder, IEnumerable<FunctionDescriptor> functions, DevHostOptions options)
    {
        var settings = QueueHostSettings.FromHostJson(options.HostJsonPath ?? Path.Combine(AppContext.BaseDirectory, "host.json"));
        foreach (var function in functions.Where(f => f.Timer is not null))
        {
            builder.Services.AddSingleton<IHostedService>(sp => new TimerTriggerRunner(
                function, options.TimerInterval, sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<ILogger<TimerTriggerRunner>>()));
        }

        foreach (var function in functions.Where(f => f.Queue is not null))
        {
            var queueName = ResolveSetting(builder.Configuration, function.Queue!.QueueName);
            builder.Services.AddSingleton<IHostedService>(sp => new QueueTriggerListener(
                function,
                queueName,
                sp.GetRequiredService<QueueServiceClient>(),
                settings,
                sp.GetRequiredService<IServiceScopeFactory>(),
                sp.GetRequiredService<ILogger<QueueTriggerListener>>()));
        }
    }

    /// <summary>Binding expressions like <c>%EventsQueue%</c> resolve from configuration, as in the Functions host.</summary>
    private static string ResolveSetting(ConfigurationManager configuration, string value) =>
        value.Length > 2 && value[0] == '%' && value[^1] == '%'
            ? configuration[value[1..^1]] ?? throw new FunctionMetadataException($"Setting '{value[1..^1]}' used by a queue binding is not configured.")
            : value;
}
