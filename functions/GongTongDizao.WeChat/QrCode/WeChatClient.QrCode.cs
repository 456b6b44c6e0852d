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

        var envVersion = (request.EnvVersion ?? _options.MiniProgramState) switch
        {
            WeChatMiniProgramState.Developer => "develop",
            WeChatMiniProgramState.Trial => "trial",
            _ => "release",
        };
        var body = new UnlimitedQrCodeBody(request.Scene, request.Page, request.CheckPath, envVersion, request.Width, request.IsHyaline);
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
