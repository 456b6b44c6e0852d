using System.Text.Json;

namespace GongTongDizao.WeChat;

public partial class WeChatClient
{
    /// <summary>
    /// Checks text with msg_sec_check v2. Read <see cref="TextCheckResult.Suggest"/>: errcode 0 with
    /// <c>risky</c> is a rejection, not a success.
    /// </summary>
    public virtual async Task<TextCheckResult> CheckTextAsync(TextCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OpenId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Content);
        if (TextElements.Count(request.Content) > TextCheckRequest.MaxContentLength)
        {
            throw new ArgumentException($"msg_sec_check accepts at most {TextCheckRequest.MaxContentLength} characters.", nameof(request));
        }

        var body = new MsgSecCheckRequest(2, (int)request.Scene, request.OpenId, request.Content, request.Title, request.Nickname, request.Signature);
        var call = new WeChatApiCall("msg_sec_check", HttpMethod.Post, "/wxa/msg_sec_check")
        {
            JsonBody = JsonSerializer.Serialize(body, WeChatJsonContext.Default.MsgSecCheckRequest),
            RequiresAccessToken = true,
            // A check has no side effect, so it may be repeated.
            Idempotent = true,
        };

        var response = (await CallAsync(call, cancellationToken)).EnsureSuccess();
        var suggest = ContentSuggest.Review;
        var label = 0;
        if (WeChatJson.TryGet(response.Root, "result", out var result))
        {
            suggest = ContentVerdicts.ParseSuggest(WeChatJson.GetString(result, "suggest"));
            label = WeChatJson.GetInt32(result, "label") ?? 0;
        }

        return new TextCheckResult(suggest, label, WeChatJson.GetString(response.Root, "trace_id"));
    }

    /// <summary>
    /// Submits an image or audio for an asynchronous check (media_check_async v2) and returns the trace_id
    /// that the later <c>wxa_media_check</c> push event carries. Not repeated on timeouts: a repeat would start a
    /// second check with a second verdict.
    /// </summary>
    public virtual async Task<string> SubmitMediaCheckAsync(MediaCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.MediaUrl);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.OpenId);

        var body = new MediaCheckAsyncRequest(request.MediaUrl.AbsoluteUri, (int)request.MediaType, 2, (int)request.Scene, request.OpenId);
        var call = new WeChatApiCall("media_check_async", HttpMethod.Post, "/wxa/media_check_async")
        {
            JsonBody = JsonSerializer.Serialize(body, WeChatJsonContext.Default.MediaCheckAsyncRequest),
            RequiresAccessToken = true,
            Idempotent = false,
        };

        var response = (await CallAsync(call, cancellationToken)).EnsureSuccess();
        var traceId = WeChatJson.GetString(response.Root, "trace_id");
        return string.IsNullOrEmpty(traceId)
            ? throw new WeChatApiException(WeChatErrorCodes.SystemBusy, "media_check_async answered without trace_id", call.Name)
            : traceId;
    }
}
