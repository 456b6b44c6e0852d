using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat;

/// <summary>
/// Replaces the HttpClientFactory's default request logging (removed in <c>AddWeChatClient</c>), which writes
/// full URLs and so the AppSecret, js codes and access tokens from the query string. This one logs the
/// redacted path, the status and the duration.
/// </summary>
internal sealed class WeChatLoggingHandler(ILogger<WeChatLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var target = WeChatRedaction.RedactUri(request.RequestUri);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            logger.LogDebug("WeChat HTTP {Method} {Target} answered {StatusCode} in {ElapsedMs:0} ms",
                request.Method, target, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            // The exception itself is left to the caller; only its type is logged here, since messages of
            // some handlers include the request URI.
            logger.LogInformation("WeChat HTTP {Method} {Target} failed after {ElapsedMs:0} ms: {ExceptionType}",
                request.Method, target, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }
}
