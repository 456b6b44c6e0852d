using Azure.Storage.Queues;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Timers;

// IJobHostMetadataProvider is marked obsolete ("not ready for public consumption"); it is what the Functions host itself
// uses to turn binding JSON into attributes, and the SDK line is frozen (3.0.x).
#pragma warning disable CS0618

namespace GongTongDizao.DevHost.Triggers;

/// <summary>Builds one WebJobs job host for a <see cref="TriggerHost"/> (a new one on each restart).</summary>
internal static class TriggerJobHost
{
    /// <summary>The Storage Queues listener neither creates a missing queue nor its poison queue.</summary>
    public static async Task EnsureQueuesAsync(IReadOnlyList<TriggerBinding> bindings, string storageConnectionString, CancellationToken cancellationToken)
    {
        var queues = bindings.Where(b => b.QueueName is not null).Select(b => b.QueueName!).Distinct(StringComparer.Ordinal).ToList();
        if (queues.Count == 0)
        {
            return;
        }

        var service = new QueueServiceClient(storageConnectionString);
        foreach (var name in queues.SelectMany(q => new[] { q, q + "-poison" }))
        {
            await service.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }

    public static IHost Build(IReadOnlyList<TriggerBinding> bindings, TriggerHostOptions options, ILoggerFactory loggers, Hooks hooks)
    {
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in options.Settings)
        {
            configuration[name] = value;
        }

        // Locally there is one storage account: every queue connection name means it.
        foreach (var connection in bindings.Where(b => b.Connection is not null).Select(b => b.Connection!).Append(TriggerBinding.DefaultConnection))
        {
            configuration[connection] = options.StorageConnectionString;
        }

        var builder = new HostBuilder();
        builder.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageQueues();
            webJobs.AddTimers();
        });

        // Only host.json and the app settings: not the process's environment or an appsettings.json of the DevHost.
        var hostJson = HostJson.ToConfiguration(options.HostJsonPath);
        builder.ConfigureAppConfiguration(config =>
        {
            config.Sources.Clear();
            config.AddInMemoryCollection(hostJson);
            config.AddInMemoryCollection(configuration);
        });
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new ForwardingLoggerProvider(loggers));
            logging.AddFilter("Azure", LogLevel.Warning);
            logging.AddFilter("Microsoft.Azure.WebJobs.Hosting.OptionsLoggingService", LogLevel.Warning); // a JSON dump of every options class per start
            HostJson.AddLogFilters(logging, options.HostJsonPath);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ITypeLocator>(sp => new TriggerTypeLocator(sp, hooks.EmitFunctionsType));
            services.AddSingleton(hooks.ScheduleMonitor);
            services.AddSingleton<IWebJobsExceptionHandlerFactory>(new TriggerExceptionHandlerFactory(hooks.OnListenerFailure));
            services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
            services.Configure<JobHostFunctionTimeoutOptions>(o => HostJson.ConfigureTimeout(o, options.HostJsonPath));
        });
        return builder.Build();
    }

    /// <summary>What the job host calls back into its <see cref="TriggerHost"/>.</summary>
    public sealed record Hooks(Func<IJobHostMetadataProvider, Type> EmitFunctionsType, ScheduleMonitor ScheduleMonitor, Action<Exception> OnListenerFailure);
}
