using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Timers;
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
        services.AddSingleton<ActivityAccess>();
        services.AddSingleton<ActivityPlanning>();
        services.AddSingleton<RosterTransitions>();
        services.AddSingleton<ActivityCancellation>();
        services.AddSingleton<ITimerHandler, ActivityTimerHandler>();
        services.AddSingleton<IPersonalDataSource, ActivityPersonalData>();
        services.AddTransient<CreateActivity>();
        services.AddTransient<ListActivities>();
        services.AddTransient<GetActivity>();
        services.AddTransient<SignUpForActivity>();
        services.AddTransient<CancelSignUp>();
        services.AddTransient<AcceptOffer>();
        services.AddTransient<DecideSignUp>();
        services.AddTransient<ListActivitySignUps>();
        services.AddTransient<GetActivityStats>();
        services.AddTransient<CancelActivity>();
        return services;
    }
}
