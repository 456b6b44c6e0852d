using GongTongDizao.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Functions;

public static class FunctionsServiceCollectionExtensions
{
    /// <summary>The one registration both hosts call: the Functions worker's Program and the DevHost.</summary>
    public static IServiceCollection AddGongTongDizaoFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddGongTongDizaoCore(configuration);
        services.AddSingleton<Http.IdempotentRequests>();
        services.AddSingleton<Http.Api>();
        return services;
    }
}
