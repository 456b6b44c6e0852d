using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Moderation;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Letters;

internal static class LettersServiceCollectionExtensions
{
    /// <summary>Registers the Letters feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddLettersFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LettersOptions>().Bind(configuration.GetSection(LettersOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<LetterStore>();
        services.AddSingleton<IAggregateStore<Letter>>(sp => sp.GetRequiredService<LetterStore>());
        services.AddSingleton<LetterViews>();
        services.AddSingleton<LetterReception>();
        services.AddSingleton<LetterTransitions>();
        services.AddSingleton<ModerateLetter>();
        services.AddSingleton<ITimerHandler, LetterDeadlineHandler>();
        services.AddSingleton<IModerationSource, LetterModerationSource>();
        services.AddSingleton<IPersonalDataSource, LetterPersonalData>();

        services.AddTransient<SubmitLetter>();
        services.AddSingleton<DailyLetterLimit>();
        services.AddTransient<ListMyLetters>();
        services.AddTransient<GetLetter>();
        services.AddTransient<WithdrawLetter>();
        services.AddTransient<EvaluateLetter>();
        services.AddTransient<ListStaffLetters>();
        services.AddTransient<AcceptLetter>();
        services.AddTransient<AssignLetter>();
        services.AddTransient<ReplyToLetter>();
        services.AddTransient<TransferLetter>();
        services.AddTransient<MarkDuplicate>();
        services.AddTransient<GetLetterStats>();
        services.AddSingleton<ListLetterCategories>();
        return services;
    }
}
