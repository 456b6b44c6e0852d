using GongTongDizao.Core.Features.Activities;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddSingleton<IActivityAttendance, HoursAttendance>();
        // Also registered by the activities feature; one instance either way.
        services.TryAddSingleton<ActivityAccess>();
        services.AddSingleton<HoursActivities>();
        services.AddSingleton<OrganiserRecords>();
        services.AddSingleton<CheckInScan>();
        services.AddSingleton<CheckInCodes>();
        services.AddSingleton<ITimerHandler, CheckOutCloser>();
        services.AddSingleton<IPersonalDataSource, HoursPersonalData>();
        services.AddTransient<GetCheckInCode>();
        services.AddTransient<CheckIn>();
        services.AddTransient<ListMyHours>();
        services.AddTransient<RequestHoursCorrection>();
        services.AddTransient<GetHoursCertificate>();
        services.AddTransient<ListActivityHours>();
        services.AddTransient<DecideHours>();
        services.AddTransient<DecideHoursCorrection>();
        services.AddTransient<AddOfflineHours>();
        services.AddTransient<GetHoursStats>();
        return services;
    }
}
