using GongTongDizao.Core.Aggregates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GongTongDizao.Core.Features.Activities;

internal static class ActivitiesServiceCollectionExtensions
{
    /// <summary>Registers activities, their session rosters (sign-ups, waiting lists, offers) and their timers.</summary>
    public static IServiceCollection AddActivitiesFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ActivitiesOptions>().Bind(configuration.GetSection(ActivitiesOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<IAggregateStore<Activity>>(sp => sp.GetRequiredService<ActivityStore>());
        services.AddSingleton<RosterStore>();
        services.AddSingleton<IAggregateStore<SessionRoster>>(sp => sp.GetRequiredService<RosterStore>());

        // The check-in feature registers the real attendance (AddSingleton wins over this fallback in either order).
        services.TryAddSingleton<IActivityAttendance, NoAttendanceRecorded>();
        return services;
    }
}
