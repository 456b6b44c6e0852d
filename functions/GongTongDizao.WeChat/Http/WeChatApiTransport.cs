using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace GongTongDizao.WeChat;

/// <summary>
/// Sends one <see cref="WeChatApiCall"/> and turns the answer into a <see cref="WeChatApiResponse"/>. When a host
/// cannot be reached the call moves on to the next of <see cref="WeChatApiHosts"/> (api2.weixin.qq.com by default):
/// always when the connection never opened (nothing reached WeChat), and for idempotent calls also after a timeout
/// or an HTTP 5xx. A WeChat errcode is an answer, never a reason to change host.
/// </summary>
internal static class WeChatApiTransport
{
    public static async Task<WeChatApiResponse> SendAsync(HttpClient http, WeChatApiHosts hosts, WeChatApiCall call,
        string? accessToken, ILogger logger, CancellationToken cancellationToken)
    {
        var order = hosts.InOrder();
        for (var i = 0; ; i++)
        {
            try
            {
                var response = await SendToAsync(http, order[i], call, accessToken, logger, cancellationToken);
                hosts.Answered(order[i], afterFailover: i > 0);
                return response;
            }
            catch (Exception ex) when (i < order.Count - 1 && IsTransportFailure(ex, call, cancellationToken))
            {
                logger.LogWarning("WeChat {Api} could not reach {Host} ({Failure}); trying {NextHost}",
                    call.Name, order[i].Host, Describe(ex), order[i + 1].Host);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="failure"/> means the host was not reachable, so another host may be tried: the connection
    /// never opened (safe for every call), or, for calls whose repetition is harmless, it timed out, broke or answered 5xx.
    /// </summary>
    internal static bool IsTransportFailure(Exception failure, WeChatApiCall call, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (failure is HttpRequestException
            {
                HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError,
            })
        {
            return true;
        }

        return call.Idempotent && failure is TimeoutException or HttpRequestException or WeChatApiException { HttpStatus: >= 500 };
    }

    private static string Describe(Exception failure) => failure switch
    {
        HttpRequestException http => "HttpRequestException " + http.HttpRequestError,
        WeChatApiException { HttpStatus: { } status } => "HTTP " + status.ToString(CultureInfo.InvariantCulture),
        _ => failure.GetType().Name,
    };

    private static async Task<WeChatApiResponse> SendToAsync(HttpClient http, Uri baseAddress, WeChatApiCall call,
        string? accessToken, ILogger logger, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, BuildUri(baseAddress, call, accessToken));
        if (call.JsonBody is not null)
        {
            request.Content = new StringContent(call.JsonBody, Encoding.UTF8, "application/json");
        }

        request.Options.Set(WeChatResilience.IdempotentKey, call.Idempotent);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (TimeoutRejectedException ex)
        {
            throw Timeout(call, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Timeout(call, ex);
        }

        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                logger.LogWarning("WeChat {Api} answered HTTP {StatusCode}", call.Name, status);
                throw new WeChatApiException(WeChatErrorCodes.SystemBusy,
                    $"HTTP {status} {response.ReasonPhrase}", call.Name, status, ClassifyStatus(response.StatusCode));
            }

            var contentType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            if (call.ExpectsBinary && !LooksLikeJson(contentType, bytes))
            {
                return WeChatApiResponse.FromBinary(call.Name, bytes, contentType.Length == 0 ? "application/octet-stream" : contentType);
            }

            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                root = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new WeChatApiException(WeChatErrorCodes.SystemBusy, "the response was not JSON", call.Name,
                    (int)response.StatusCode, WeChatErrorClassification.RetryNow, ex);
            }

            var parsed = WeChatApiResponse.FromJson(call.Name, root);
            if (!parsed.IsSuccess)
            {
                logger.LogWarning("WeChat {Api} returned errcode {ErrCode}: {ErrMsg} (rid {Rid})",
                    call.Name, parsed.ErrCode, WeChatRedaction.RedactText(parsed.ErrMsg), parsed.Rid);
            }

            return parsed;
        }
    }

    private static Uri BuildUri(Uri baseAddress, WeChatApiCall call, string? accessToken)
    {
        var builder = new StringBuilder(baseAddress.AbsoluteUri.TrimEnd('/')).Append(call.Path);
        var separator = '?';
        if (accessToken is not null)
        {
            builder.Append(separator).Append("access_token=").Append(Uri.EscapeDataString(accessToken));
            separator = '&';
        }

        foreach (var (key, value) in call.Query)
        {
            builder.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    private static bool LooksLikeJson(string contentType, byte[] bytes)
    {
        if (contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var first = Array.FindIndex(bytes, b => b is not ((byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'));
        return first >= 0 && bytes[first] == (byte)'{';
    }

    private static WeChatErrorClassification ClassifyStatus(HttpStatusCode status) => (int)status switch
    {
        429 => WeChatErrorClassification.RetryLater,
        408 or >= 500 => WeChatErrorClassification.RetryNow,
        _ => WeChatErrorClassification.Permanent,
    };

    private static TimeoutException Timeout(WeChatApiCall call, Exception inner) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"WeChat {call.Name} did not answer in time. {(call.Idempotent ? "It was retried where safe." : "It was not retried because WeChat may already have acted on it.")}"),
            inner);
}
