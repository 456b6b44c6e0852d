using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Privacy;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Notifications;

internal static class NotificationsServiceCollectionExtensions
{
    /// <summary>Registers the Notifications feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<WeChatClientOptions>, LocalTemplateIds>();

        services.AddSingleton<TemplateCatalogue>();
        services.AddSingleton<DeliveryQueue>();

        // The store: the only classes of the feature that touch Cosmos.
        services.AddSingleton<InboxStore>();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<SubscriptionQuotas>();
        services.AddSingleton<NotificationPreferences>();
        services.AddSingleton<BroadcastStore>();
        services.AddSingleton<IAggregateStore<BroadcastDocument>>(sp => sp.GetRequiredService<BroadcastStore>());
        services.AddSingleton<AudienceStore>();
        services.AddSingleton<NotificationPartitions>();
        services.AddSingleton<PushReceipts>();

        services.AddSingleton<AudienceResolver>();
        services.AddSingleton<IPersonalDataSource, NotificationsPersonalData>();
        services.AddSingleton<IPersonalDataSource, NotificationSettingsPersonalData>();
        services.AddSingleton<IPersonalDataSource, BroadcastPersonalData>();

        services.AddTransient<NotifyRecipient>();
        services.AddTransient<BroadcastPage>();
        services.AddTransient<BroadcastFanOut>();
        services.AddTransient<FanOutEvent>();

        // The delivery steps, in the order DeliverNotification runs them.
        services.AddTransient<DeliveryClaim>();
        services.AddTransient<DeliveryQuota>();
        services.AddTransient<DeliverySend>();
        services.AddTransient<DeliveryOutcomes>();
        services.AddTransient<DeliveryRetries>();
        services.AddTransient<DeliveryCounters>();
        services.AddTransient<DeliverNotification>();
        services.AddTransient<DeliverBatch>();
        services.AddTransient<ConfirmLateSend>();

        services.AddTransient<SubscriptionPushes>();
        services.AddTransient<HandleWeChatPush>();
        services.AddTransient<ListSubscriptions>();
        services.AddTransient<ReportSubscriptions>();
        services.AddTransient<ListNotifications>();
        services.AddTransient<MarkNotificationsRead>();
        services.AddTransient<GetPreferences>();
        services.AddTransient<UpdatePreferences>();
        services.AddTransient<BroadcastGate>();
        services.AddTransient<BroadcastLimits>();
        services.AddTransient<CreateBroadcast>();
        services.AddTransient<GetBroadcast>();
        return services;
    }
}
