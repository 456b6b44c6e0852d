using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace GongTongDizao.WeChat;

/// <summary>Sends one <see cref="WeChatApiCall"/> and turns the answer into a <see cref="WeChatApiResponse"/>.</summary>
internal static class WeChatApiTransport
{
    public static async Task<WeChatApiResponse> SendAsync(HttpClient http, Uri baseAddress, WeChatApiCall call,
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
