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

        RequireScene(request.Scene);

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
        RequireScene(request.Scene);
        // WeChat downloads the URL itself (doc "多媒体内容安全识别": media_url 需要保证可以被检测服务器下载); our SAS URLs are
        // https and so must every URL be, except a loopback one that only a local simulator can be asked to fetch.
        if (!request.MediaUrl.IsAbsoluteUri
            || (request.MediaUrl.Scheme != Uri.UriSchemeHttps && !(request.MediaUrl.Scheme == Uri.UriSchemeHttp && request.MediaUrl.IsLoopback)))
        {
            throw new ArgumentException("media_check_async needs an https media URL.", nameof(request));
        }

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

    /// <summary>Scene 1 资料, 2 评论, 3 论坛 or 4 社交日志 (doc "文本内容安全识别"); anything else WeChat answers with 40129.</summary>
    private static void RequireScene(ContentCheckScene scene)
    {
        if (!Enum.IsDefined(scene))
        {
            throw new ArgumentException($"scene {(int)scene} is not one of 1 (profile), 2 (comment), 3 (forum), 4 (social log).", nameof(scene));
        }
    }
}
