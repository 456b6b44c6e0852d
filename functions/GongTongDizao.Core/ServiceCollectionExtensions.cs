using Azure.Core;
using GongTongDizao.Core.Configuration;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Features.Attachments;
using GongTongDizao.Core.Features.Hours;
using GongTongDizao.Core.Features.Letters;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.Core.Features.Orders;
using GongTongDizao.Core.Features.Topics;
using GongTongDizao.Core.Timers;
using GongTongDizao.Core.Health;
using GongTongDizao.Core.Storage;
using GongTongDizao.Core.Telemetry;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Every registration the app needs, called by both hosts (the Functions worker and the DevHost) so
    /// they cannot drift apart.
    /// </summary>
    public static IServiceCollection AddGongTongDizaoCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[OffsetFileTimeProvider.SettingName] is { Length: > 0 } clockFile
            && string.Equals(configuration["AZURE_FUNCTIONS_ENVIRONMENT"], "Development", StringComparison.OrdinalIgnoreCase))
        {
            services.TryAddSingleton<TimeProvider>(new OffsetFileTimeProvider(clockFile));
        }

        services.TryAddSingleton(TimeProvider.System);
        // Transient: a handler joins one client's pipeline (its InnerHandler), and there are two clients (ordinary and bulk).
        services.AddTransient<RequestHandler, CosmosCallLogging>();

        services.AddOptions<CosmosOptions>().Bind(configuration.GetSection(CosmosOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ManagedIdentityOptions>().Bind(configuration.GetSection(ManagedIdentityOptions.SectionName));

        services.TryAddSingleton<TokenCredential>(sp => AzureCredentialFactory.Create(sp.GetRequiredService<IOptions<ManagedIdentityOptions>>().Value));
        services.TryAddSingleton(sp => Cosmos(sp, bulk: false));
        services.TryAddSingleton(sp => new BulkCosmosClient(Cosmos(sp, bulk: true)));
        services.TryAddSingleton(_ => StorageConnection.FromConfiguration(configuration));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateQueueServiceClient(sp.GetRequiredService<TokenCredential>, new QueueCallLogging(sp.GetRequiredService<ILoggerFactory>())));
        services.TryAddSingleton(sp => sp.GetRequiredService<StorageConnection>().CreateBlobServiceClient(sp.GetRequiredService<TokenCredential>));

        services.AddTransient<CheckHealth>();
        services.AddMemoryCache();
        services.AddIdentityFeature(configuration);
        services.AddSingleton<EventQueue>();
        services.AddSingleton<OutboxPublisher>();
        services.AddSingleton<OutboxSweeper>();
        services.AddSingleton(typeof(Aggregates.AggregatePipeline<>));
        services.AddSingleton<TimerQueue>();
        services.AddSingleton<TimerDispatcher>();
        services.AddSingleton<ContentGuard>();
        services.AddSingleton<Idempotency.IdempotencyStore>();
        // The log, unless the host sends custom events elsewhere (the Functions app: Application Insights).
        services.TryAddSingleton<IAppTelemetry, LoggingAppTelemetry>();
        services.AddSingleton<AppEvents>();
        services.AddLettersFeature(configuration);
        services.AddTopicsFeature(configuration);
        services.AddNotificationsFeature(configuration);
        services.AddAttachmentsFeature(configuration);
        services.AddOrdersFeature(configuration);
        services.AddActivitiesFeature(configuration);
        services.AddHoursFeature(configuration);
        return services;

        static CosmosClient Cosmos(IServiceProvider sp, bool bulk) => CosmosClientFactory.Create(
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value,
            sp.GetRequiredService<TokenCredential>,
            sp.GetServices<RequestHandler>(),
            bulk);
    }
}
