using System.Text.Json;
using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat;

public partial class WeChatClient
{
    /// <summary>
    /// Creates an unlimited mini-program code (getwxacodeunlimit) for posters. WeChat answers with image bytes
    /// on success and JSON on error; the Content-Type decides which.
    /// </summary>
    public virtual async Task<QrCodeImage> GetUnlimitedQrCodeAsync(UnlimitedQrCodeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Scene) || request.Scene.Length > UnlimitedQrCodeRequest.MaxSceneLength || !ScenePattern().IsMatch(request.Scene))
        {
            throw new ArgumentException($"scene must be 1 to {UnlimitedQrCodeRequest.MaxSceneLength} visible ASCII characters.", nameof(request));
        }

        // doc "获取不限制的小程序码 getUnlimitedQRCode": page 例如 pages/index/index,根路径前不要填加 /,不能携带参数
        // (参数请放在 scene 字段里); width 最小 280px,最大 1280px. WeChat answers 41030 for such a page.
        if (request.Page is { } page && (page.Length == 0 || page.StartsWith('/') || page.Contains('?', StringComparison.Ordinal)))
        {
            throw new ArgumentException("page is a path such as pages/index/index: no leading '/', no query (put parameters in scene).", nameof(request));
        }

        if (request.Width is < UnlimitedQrCodeRequest.MinWidth or > UnlimitedQrCodeRequest.MaxWidth)
        {
            throw new ArgumentException($"width must be {UnlimitedQrCodeRequest.MinWidth} to {UnlimitedQrCodeRequest.MaxWidth} pixels.", nameof(request));
        }

        var envVersion = (request.EnvVersion ?? _options.MiniProgramState) switch
        {
            WeChatMiniProgramState.Developer => "develop",
            WeChatMiniProgramState.Trial => "trial",
            _ => "release",
        };

        // check_path true means "page must exist in the released mini-program" (same doc), which a page of a trial or
        // development build need not: those codes are made with check_path false.
        var checkPath = request.CheckPath && envVersion == "release";
        var body = new UnlimitedQrCodeBody(request.Scene, request.Page, checkPath, envVersion, request.Width, request.IsHyaline);
        var call = new WeChatApiCall("getwxacodeunlimit", HttpMethod.Post, "/wxa/getwxacodeunlimit")
        {
            JsonBody = JsonSerializer.Serialize(body, WeChatJsonContext.Default.UnlimitedQrCodeBody),
            RequiresAccessToken = true,
            // The same input yields an equivalent image.
            Idempotent = true,
            ExpectsBinary = true,
        };

        var response = (await CallAsync(call, cancellationToken)).EnsureSuccess();
        return response.Binary.IsEmpty
            ? throw new WeChatApiException(WeChatErrorCodes.SystemBusy, "getwxacodeunlimit answered JSON without an image", call.Name)
            : new QrCodeImage(response.Binary, response.ContentType ?? "image/jpeg");
    }

    // WeChat allows digits, letters and !#$&'()*+,/:;=?@-._~ in a scene.
    [GeneratedRegex(@"^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$")]
    private static partial Regex ScenePattern();
}
