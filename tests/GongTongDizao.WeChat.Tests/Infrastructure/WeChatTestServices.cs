using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat.Tests.Infrastructure;

/// <summary>Builds a service provider the way the app does (AddWeChatClient), with test seams.</summary>
internal static class WeChatTestServices
{
    public static ServiceProvider Build(
        Action<WeChatClientOptions> configure,
        HttpMessageHandler? primaryHandler = null,
        TimeProvider? timeProvider = null,
        Action<ILoggingBuilder>? logging = null)
    {
        var services = new ServiceCollection();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            logging?.Invoke(builder);
        });
        var http = services.AddWeChatClient(configure);
        if (primaryHandler is not null)
        {
            // The stub is shared across handler rotations; the factory must not dispose it.
            http.ConfigurePrimaryHttpMessageHandler(() => new NonDisposingHandler(primaryHandler));
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>A client configured for <paramref name="simulator"/> (its AppID, secret, push keys and address).</summary>
    public static ServiceProvider ForSimulator(GongTongDizao.WeChat.Simulator.WeChatSimulator simulator, TimeProvider? timeProvider = null) =>
        Build(o =>
        {
            o.AppId = simulator.Options.AppId;
            o.AppSecret = simulator.Options.AppSecret;
            o.Token = simulator.Options.Token;
            o.EncodingAesKey = simulator.Options.EncodingAesKey;
            o.BaseAddress = simulator.BaseAddress;
        }, timeProvider: timeProvider);

    /// <summary>Forwards to a handler the test owns, without disposing it when the factory rotates handlers.</summary>
    private sealed class NonDisposingHandler(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _invoker.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
