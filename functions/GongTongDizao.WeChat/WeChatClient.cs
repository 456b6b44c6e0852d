using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat;

/// <summary>
/// Client of the WeChat mini-program server APIs. Register it with
/// <see cref="WeChatServiceCollectionExtensions.AddWeChatClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{WeChatClientOptions})"/>;
/// its methods are virtual so tests can substitute it. API failures throw <see cref="WeChatApiException"/>,
/// except the subscribe-message outcomes a caller has to act on (see <see cref="SendSubscribeMessageAsync"/>).
/// The feature methods live in the partial files next to their models (Login/, Subscribe/, ...).
/// </summary>
public partial class WeChatClient
{
    /// <summary>Name of the HttpClient (and its resilience pipeline) used for every WeChat call.</summary>
    public const string HttpClientName = "GongTongDizao.WeChat";

    private readonly HttpClient _httpClient = null!;
    private readonly WeChatAccessTokenProvider _tokens = null!;
    private readonly WeChatClientOptions _options = null!;
    private readonly WeChatApiHosts _hosts = null!;
    private readonly ILogger<WeChatClient> _logger = null!;

    public WeChatClient(HttpClient httpClient, WeChatAccessTokenProvider tokens, IOptions<WeChatClientOptions> options,
        WeChatApiHosts hosts, ILogger<WeChatClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _options = options.Value;
        _hosts = hosts ?? throw new ArgumentNullException(nameof(hosts));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>For mocking.</summary>
    protected WeChatClient()
    {
    }

    /// <summary>The options this client was created with.</summary>
    protected WeChatClientOptions Options => _options;

    private async Task<WeChatApiResponse> CallAsync(WeChatApiCall call, CancellationToken cancellationToken)
    {
        if (!call.RequiresAccessToken)
        {
            return await SendWithBusyRetryAsync(call, accessToken: null, cancellationToken);
        }

        var token = await _tokens.GetAccessTokenAsync(cancellationToken);
        var response = await SendWithBusyRetryAsync(call, token, cancellationToken);
        if (WeChatErrorCodes.Classify(response.ErrCode) != WeChatErrorClassification.RefreshTokenAndRetryOnce)
        {
            return response;
        }

        // The token was rejected (rotated elsewhere, or expired early): fetch again in normal mode and repeat
        // once. Repeating is safe even for sends, because WeChat rejected the call before acting on it.
        _logger.LogWarning("WeChat {Api} rejected the access token (errcode {ErrCode}, rid {Rid}); refreshing once",
            call.Name, response.ErrCode, response.Rid);
        _tokens.Invalidate(token);
        token = await _tokens.GetAccessTokenAsync(cancellationToken);
        return await SendWithBusyRetryAsync(call, token, cancellationToken);
    }

    private async Task<WeChatApiResponse> SendWithBusyRetryAsync(WeChatApiCall call, string? accessToken, CancellationToken cancellationToken)
    {
        var response = await WeChatApiTransport.SendAsync(_httpClient, _hosts, call, accessToken, _logger, cancellationToken);
        if (response.ErrCode == WeChatErrorCodes.SystemBusy && call.Idempotent)
        {
            // -1 "system busy" arrives as HTTP 200, so the HTTP pipeline cannot see it; repeat idempotent calls once.
            response = await WeChatApiTransport.SendAsync(_httpClient, _hosts, call, accessToken, _logger, cancellationToken);
        }

        return response;
    }
}
