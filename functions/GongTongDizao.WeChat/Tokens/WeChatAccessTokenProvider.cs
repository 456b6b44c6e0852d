using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat;

/// <summary>
/// Caches the access token of the mini-program (one per process, a singleton).
/// <list type="bullet">
/// <item>Only <c>POST /cgi-bin/stable_token</c> in normal mode (<c>force_refresh:false</c>): WeChat returns the
/// same token to every caller, so several instances do not invalidate each other as the classic
/// <c>/cgi-bin/token</c> would. <c>force_refresh:true</c> (20/day) is never sent automatically.</item>
/// <item>Cached until <c>expires_in − 300 s</c>; WeChat rotates the token 5 minutes before expiry.</item>
/// <item>Refresh is single-flight: concurrent callers wait for one request instead of each sending one.</item>
/// </list>
/// </summary>
public class WeChatAccessTokenProvider
{
    private static readonly TimeSpan s_rotationMargin = TimeSpan.FromSeconds(300);

    private readonly IHttpClientFactory _httpClientFactory = null!;
    private readonly WeChatClientOptions _options = null!;
    private readonly WeChatApiHosts _hosts = null!;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly ILogger<WeChatAccessTokenProvider> _logger = null!;
    private readonly Lock _gate = new();
    private volatile WeChatAccessToken? _cached;
    private Task<WeChatAccessToken>? _refresh;

    public WeChatAccessTokenProvider(IHttpClientFactory httpClientFactory, IOptions<WeChatClientOptions> options,
        WeChatApiHosts hosts, TimeProvider timeProvider, ILogger<WeChatAccessTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClientFactory = httpClientFactory ?? throw new ArgumentNullException(nameof(httpClientFactory));
        _options = options.Value;
        _hosts = hosts ?? throw new ArgumentNullException(nameof(hosts));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>For mocking.</summary>
    protected WeChatAccessTokenProvider()
    {
    }

    /// <summary>
    /// Returns a valid access token, fetching one when the cached one is missing or due. Concurrent callers share
    /// one fetch and its outcome, a failure included, so an outage does not turn into a burst of token calls.
    /// </summary>
    public virtual async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var cached = _cached;
        if (IsFresh(cached))
        {
            return cached!.Value;
        }

        Task<WeChatAccessToken> refresh;
        lock (_gate)
        {
            cached = _cached;
            if (IsFresh(cached))
            {
                return cached!.Value;
            }

            refresh = _refresh ??= RefreshAsync();
        }

        // A caller that gives up stops waiting; the shared fetch goes on for the others.
        return (await refresh.WaitAsync(cancellationToken)).Value;
    }

    /// <summary>
    /// Drops the cached token after WeChat rejected <paramref name="rejectedToken"/> (40001/42001/40014). A token
    /// that a concurrent caller has already replaced is left alone, so a burst of rejections costs one refresh.
    /// </summary>
    public virtual void Invalidate(string rejectedToken)
    {
        lock (_gate)
        {
            if (_cached is { } cached && string.Equals(cached.Value, rejectedToken, StringComparison.Ordinal))
            {
                _cached = null;
                _logger.LogInformation("WeChat access token was rejected; the cached token was dropped");
            }
        }
    }

    private bool IsFresh(WeChatAccessToken? token) => token is not null && _timeProvider.GetUtcNow() < token.RefreshAt;

    private async Task<WeChatAccessToken> RefreshAsync()
    {
        // Return to the caller first, so it has stored this task before the finally below can clear it.
        await Task.Yield();
        try
        {
            // Not bound to any one caller's token: the resilience pipeline's total timeout bounds it.
            var token = await FetchAsync(CancellationToken.None);
            _cached = token;
            return token;
        }
        finally
        {
            lock (_gate)
            {
                _refresh = null;
            }
        }
    }

    private async Task<WeChatAccessToken> FetchAsync(CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new StableTokenRequest("client_credential", _options.AppId, _options.AppSecret, ForceRefresh: false),
            WeChatJsonContext.Default.StableTokenRequest);
        var call = new WeChatApiCall("stable_token", HttpMethod.Post, "/cgi-bin/stable_token")
        {
            JsonBody = body,
            // Normal mode returns the current token to every caller, so repeating the request is harmless.
            Idempotent = true,
        };

        var http = _httpClientFactory.CreateClient(WeChatClient.HttpClientName);
        var response = await WeChatApiTransport.SendAsync(http, _hosts, call, accessToken: null, _logger, cancellationToken);
        if (!response.IsSuccess)
        {
            throw TokenFailure(response);
        }

        var token = WeChatJson.GetString(response.Root, "access_token");
        var expiresIn = WeChatJson.GetInt64(response.Root, "expires_in") ?? 0;
        if (string.IsNullOrEmpty(token) || expiresIn <= 0)
        {
            throw new WeChatApiException(WeChatErrorCodes.SystemBusy, "stable_token answered without access_token or expires_in", "stable_token");
        }

        var lifetime = TimeSpan.FromSeconds(expiresIn);
        // Normally expires_in is close to 7200 s; should WeChat ever hand out a nearly expired token, use it
        // for half its remaining life instead of not at all.
        var usable = lifetime > s_rotationMargin * 2 ? lifetime - s_rotationMargin : lifetime / 2;
        _logger.LogInformation("Fetched a WeChat access token valid for {ExpiresIn} s; it will be reused for {UsableSeconds:0} s",
            expiresIn, usable.TotalSeconds);
        return new WeChatAccessToken(token, _timeProvider.GetUtcNow() + usable);
    }

    /// <summary>
    /// stable_token takes no access token, so a 40001/42001/40014 from it cannot mean "your token is stale": it means
    /// the credential (AppSecret) was refused, and refreshing and retrying would only repeat the refusal. Such codes
    /// are therefore Permanent here; 40164 (IP not whitelisted), 40125, 40013 and 40243 are Permanent anyway
    /// (doc "获取稳定版接口调用凭据 getStableAccessToken").
    /// </summary>
    private static WeChatApiException TokenFailure(WeChatApiResponse response)
    {
        var classification = WeChatErrorCodes.Classify(response.ErrCode);
        return new WeChatApiException(response.ErrCode, response.ErrMsg, response.Api, classification:
            classification == WeChatErrorClassification.RefreshTokenAndRetryOnce ? WeChatErrorClassification.Permanent : classification);
    }
}
