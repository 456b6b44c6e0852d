using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace GongTongDizao.WeChat;

/// <summary>
/// The resilience pipeline of the WeChat HttpClient: total timeout → retry → per-attempt timeout.
/// <para>
/// Retries are deliberately narrow. A subscribe message, a media check or a phone-number code must not be
/// sent twice: after a timeout or a 5xx we cannot know whether WeChat acted, and a repeat would double-send a
/// message (and spend a second one-time quota unit) or fail on a single-use code. So such calls are retried
/// only when the connection was never established (nothing reached WeChat). Calls marked idempotent
/// (stable_token in normal mode, msg_sec_check, mini-program codes) are also retried on transient failures.
/// </para>
/// </summary>
internal static class WeChatResilience
{
    /// <summary>Marks a request whose repetition is harmless.</summary>
    public static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("GongTongDizao.WeChat.Idempotent");

    public const string PipelineName = "wechat";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, WeChatClientOptions options)
    {
        // Network timeouts and back-off are wall-clock matters; the injected TimeProvider is for business
        // time (token expiry, push timestamps) and is frozen in tests, which must not freeze the network.
        builder.TimeProvider = TimeProvider.System;
        builder
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = options.TotalTimeout })
            .AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = 2,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.AttemptTimeout });
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Exception is HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError,
            })
        {
            return true;
        }

        var request = context.GetRequestMessage();
        var idempotent = request is not null && request.Options.TryGetValue(IdempotentKey, out var flag) && flag;
        if (!idempotent)
        {
            return false;
        }

        return outcome.Result?.StatusCode is not HttpStatusCode.NotImplemented
               && HttpClientResiliencePredicates.IsTransient(outcome);
    }
}
