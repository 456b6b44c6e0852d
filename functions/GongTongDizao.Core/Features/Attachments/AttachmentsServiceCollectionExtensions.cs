using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Attachments;

internal static class AttachmentsServiceCollectionExtensions
{
    /// <summary>Registers the Attachments feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddAttachmentsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
