using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat;

/// <summary>Registers the WeChat client, its token cache, the open-data crypto and the push codec.</summary>
public static class WeChatServiceCollectionExtensions
{
    /// <summary>
    /// Adds the WeChat services with options bound from <paramref name="section"/> (normally
    /// <c>configuration.GetSection(WeChatClientOptions.SectionName)</c>). Returns the HttpClient builder so a
    /// host can add handlers.
    /// </summary>
    public static IHttpClientBuilder AddWeChatClient(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<WeChatClientOptions>().Bind(section);
        return AddWeChatClientCore(services);
    }

    /// <summary>Adds the WeChat services with options set in code (tests, the local runner).</summary>
    public static IHttpClientBuilder AddWeChatClient(this IServiceCollection services, Action<WeChatClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WeChatClientOptions>().Configure(configure);
        return AddWeChatClientCore(services);
    }

    private static IHttpClientBuilder AddWeChatClientCore(IServiceCollection services)
    {
        services.AddOptions<WeChatClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatClientOptions>, WeChatClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WeChatApiHosts>();
        services.TryAddSingleton<WeChatAccessTokenProvider>();
        services.TryAddSingleton<WeChatOpenDataCrypto>();
        services.TryAddSingleton<WeChatPushCodec>();
        services.TryAddTransient<WeChatLoggingHandler>();

        var builder = services
            .AddHttpClient<WeChatClient>(WeChatClient.HttpClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<WeChatClientOptions>>().Value;
                // The resilience pipeline owns timeouts; this is only a backstop above its total timeout.
                http.Timeout = options.TotalTimeout + TimeSpan.FromSeconds(5);
            })
            // The default factory logging writes request URLs, which carry the secret, js codes and tokens.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<WeChatLoggingHandler>();

        builder.AddResilienceHandler(WeChatResilience.PipelineName, (pipeline, context) =>
            WeChatResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<WeChatClientOptions>>().Value));

        return builder;
    }
}
