using System.Security.Cryptography;
using GongTongDizao.DevHost.LocalStack;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.Configuration.CommandLine;

namespace GongTongDizao.DevHost;

/// <summary>
/// The host's configuration (devhost.settings.json, environment, command line) and the app settings the worker
/// gets: every <c>--Section:Key=value</c> argument except the host's own sections, then the emulators', the
/// simulator's and fresh local keys for whatever is not set, as <c>local.settings.json</c> Values would.
/// </summary>
internal sealed class HostConfiguration
{
    // Sections that configure this host, never the app.
    private static readonly string[] s_hostSections = [DevHostOptions.SectionName, LocalStackOptions.SectionName, "Urls"];

    private HostConfiguration(IConfiguration host, DevHostOptions options, Action<ILoggingBuilder>? logging)
    {
        Host = host;
        Options = options;
        _logging = logging;
    }

    private readonly Action<ILoggingBuilder>? _logging;

    public IConfiguration Host { get; }

    public DevHostOptions Options { get; }

    public LocalStackHandle? Stack { get; private set; }

    public WeChatSimulator? Simulator { get; private set; }

    public Dictionary<string, string> AppSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static async Task<HostConfiguration> BuildAsync(string[] args, Action<ILoggingBuilder>? logging, CancellationToken cancellationToken)
    {
        var host = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "devhost.settings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = host.GetSection(DevHostOptions.SectionName).Get<DevHostOptions>() ?? new DevHostOptions();
        var configuration = new HostConfiguration(host, options, logging);
        configuration.TakeCommandLineSettings(args);

        using var loggers = LoggerFactory.Create(configuration.ConfigureLogging);
        var bootLogger = loggers.CreateLogger("GongTongDizao.DevHost");
        if (options.StartEmulators)
        {
            var stackOptions = host.GetSection(LocalStackOptions.SectionName).Get<LocalStackOptions>() ?? new LocalStackOptions();
            configuration.Stack = await LocalStackLauncher.EnsureStartedAsync(stackOptions, bootLogger, cancellationToken);
            configuration.Default("Cosmos:Endpoint", stackOptions.CosmosEndpoint.ToString());
            configuration.Default("Cosmos:Key", LocalStackOptions.CosmosEmulatorKey);
            configuration.Default("AzureWebJobsStorage", stackOptions.StorageConnectionString);
        }

        if (options.StartWeChatSimulator && string.IsNullOrEmpty(configuration.Setting("WeChat:BaseAddress")))
        {
            configuration.Simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions(), cancellationToken);
            var simulated = configuration.Simulator.Options;
            configuration.AppSettings["WeChat:BaseAddress"] = configuration.Simulator.BaseAddress.ToString();
            configuration.AppSettings["WeChat:AppId"] = simulated.AppId;
            configuration.AppSettings["WeChat:AppSecret"] = simulated.AppSecret;
            configuration.AppSettings["WeChat:Token"] = simulated.Token;
            configuration.AppSettings["WeChat:EncodingAesKey"] = simulated.EncodingAesKey;
            configuration.AppSettings["WeChat:PushMode"] = "Safe";
        }

        // Fresh keys for each local run, so no signing or encryption key is ever written in the repo.
        configuration.Default("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        configuration.Default("Auth:DataProtectionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return configuration;
    }

    public void ConfigureLogging(ILoggingBuilder builder)
    {
        builder.AddConfiguration(Host.GetSection("Logging"));
        builder.AddSimpleConsole(c => c.SingleLine = true);
        _logging?.Invoke(builder);
    }

    /// <summary>An app setting from the command line or, as a worker would inherit it, from the environment.</summary>
    private string? Setting(string name) =>
        AppSettings.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name.Replace(":", "__", StringComparison.Ordinal));

    private void Default(string name, string value)
    {
        if (string.IsNullOrEmpty(Setting(name)))
        {
            AppSettings[name] = value;
        }
    }

    private void TakeCommandLineSettings(string[] args)
    {
        var provider = new CommandLineConfigurationProvider(args);
        provider.Load();
        foreach (var key in AllKeys(provider, null))
        {
            if (s_hostSections.Any(s => key.Equals(s, StringComparison.OrdinalIgnoreCase) || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (provider.TryGet(key, out var value) && value is not null)
            {
                AppSettings[key] = value;
            }
        }
    }

    private static IEnumerable<string> AllKeys(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = parent is null ? child : $"{parent}:{child}";
            yield return key;
            foreach (var nested in AllKeys(provider, key))
            {
                yield return nested;
            }
        }
    }
}
