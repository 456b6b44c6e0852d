using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Moderation;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GongTongDizao.Core.Features.Topics;

internal static class TopicsServiceCollectionExtensions
{
    /// <summary>Registers the Topics feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddTopicsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TopicsOptions>().Bind(configuration.GetSection(TopicsOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<TopicStore>();
        services.AddSingleton<IAggregateStore<Topic>>(sp => sp.GetRequiredService<TopicStore>());
        services.AddSingleton<TopicStatsStore>();
        services.AddSingleton<CountedWrites>();
        services.AddSingleton<TopicAccess>();
        services.AddSingleton<TopicGate>();
        services.AddSingleton<TopicWriter>();
        services.AddSingleton<TopicViews>();
        services.AddSingleton<TopicAttachments>();
        services.AddSingleton<SecondingPolicy>();
        services.AddSingleton<TopicPublishing>();
        services.AddSingleton<ITimerHandler, SecondDeadlineHandler>();
        services.TryAddSingleton<ITopicAudience, TopicAudience>();
        services.AddSingleton<IPersonalDataSource, TopicPersonalData>();
        services.AddSingleton<IModerationSource, HeldTopicModeration>();
        services.AddSingleton<IModerationSource, CommentModeration>();

        services.AddTransient<CreateTopic>();
        services.AddTransient<GetTopic>();
        services.AddTransient<ListTopics>();
        services.AddTransient<ListStaffTopics>();
        services.AddTransient<ListMeetingRegistrations>();
        services.AddTransient<WithdrawTopic>();
        services.AddTransient<SecondTopic>();
        services.AddTransient<AddComment>();
        services.AddTransient<ListComments>();
        services.AddTransient<ReportComment>();
        services.AddTransient<ScheduleMeeting>();
        services.AddTransient<RegisterForMeeting>();
        services.AddTransient<RecordMinutes>();
        services.AddTransient<DecideTopic>();
        services.AddTransient<PlanDeed>();
        services.AddTransient<ReportProgress>();
        services.AddTransient<EvaluateTopic>();
        services.AddTransient<CloseTopic>();
        services.AddTransient<MergeTopic>();
        services.AddTransient<GetDeliberationStats>();
        return services;
    }
}
