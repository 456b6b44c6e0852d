using GongTongDizao.Core.Privacy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Hours;

internal static class HoursServiceCollectionExtensions
{
    /// <summary>Registers volunteer hours: the check-in codes, the append-only ledger, its records, corrections and numbers.</summary>
    public static IServiceCollection AddHoursFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HoursOptions>().Bind(configuration.GetSection(HoursOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CheckInTokens>();
        services.AddSingleton<HoursLedger>();
        services.AddSingleton<Attendance>();
        services.AddSingleton<IPersonalDataSource, HoursPersonalData>();
        services.AddTransient<ListMyHours>();
        services.AddTransient<RequestHoursCorrection>();
        return services;
    }
}
