using GongTongDizao.Core.Moderation;
using GongTongDizao.Core.Privacy;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Features.Attachments;

internal static class AttachmentsServiceCollectionExtensions
{
    /// <summary>Registers the Attachments feature: its options, stores and handlers.</summary>
    public static IServiceCollection AddAttachmentsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<SasIssuer>();
        services.AddSingleton<AttachmentBlobs>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadSweeper>();
        services.AddSingleton<MediaCheckVerdicts>();
        services.AddSingleton<IMediaCheckVerdictHandler>(sp => sp.GetRequiredService<MediaCheckVerdicts>());
        services.AddSingleton<ITimerHandler, MediaCheckTimeout>();
        services.AddSingleton<ImageModerationSource>();
        services.AddSingleton<IModerationSource>(sp => sp.GetRequiredService<ImageModerationSource>());
        services.AddSingleton<IPersonalDataSource, UploadPersonalData>();

        // Transient: it holds the WeChat client, a typed HttpClient.
        services.AddSingleton<UploadClaims>();
        services.AddSingleton<AttachmentReader>();
        services.AddTransient<MediaCheckSubmitter>();
        services.AddTransient<Attachments>();
        services.AddTransient<IAttachments>(sp => sp.GetRequiredService<Attachments>());
        services.AddTransient<CreateUpload>();
        services.AddTransient<ListModerationQueue>();
        services.AddTransient<DecideModerationItem>();
        return services;
    }
}
