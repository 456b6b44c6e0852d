using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary><c>POST /wxa/getwxacodeunlimit</c>: a small PNG on success, JSON on error, as WeChat does.</summary>
internal static partial class QrCodeEndpoints
{
    /// <summary>A valid 1×1 PNG; what matters to callers is the content type and the bytes, not the picture.</summary>
    internal static readonly byte[] s_tinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/wxa/getwxacodeunlimit", (Delegate)GetUnlimitedAsync);

    private static async Task<IResult> GetUnlimitedAsync(HttpContext context)
    {
        if (await ApiGate.EnterAsync(context, SimulatorApis.GetUnlimitedQrCode, requiresAccessToken: true) is { } early)
        {
            return early;
        }

        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body)
        {
            return SimulatorErrors.Error(SimulatorErrors.DataFormatError, "data format error");
        }

        // doc "获取不限制的小程序码 getUnlimitedQRCode": scene 最大32个可见字符,只支持数字,大小写英文以及部分特殊字符
        // !#$&'()*+,/:;=?@-._~. WeChat answers 40169 "invalid length for scene" for a missing or too long scene and
        // 40129 "invalid scene" for characters outside that set.
        var scene = SimulatorJson.String(body, "scene");
        if (string.IsNullOrEmpty(scene) || scene.Length > 32)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidSceneLength, "invalid length for scene, or the data is not json string");
        }

        if (!Scene().IsMatch(scene))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidScene, "invalid scene");
        }

        // Same doc: width 最小 280px,最大 1280px (default 430); env_version release | trial | develop.
        if (SimulatorJson.Number(body, "width") is { } width && width is < 280 or > 1280)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidArgs, "invalid args, width must be 280 to 1280");
        }

        var envVersion = SimulatorJson.String(body, "env_version") ?? "release";
        if (envVersion is not ("release" or "trial" or "develop"))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidArgs, "invalid args, env_version");
        }

        // Same doc: page 例如 pages/index/index,根路径前不要填加 /,不能携带参数(参数请放在 scene 字段里); check_path 默认
        // true: page 必须是已经发布的小程序存在的页面(否则报错), false 允许小程序未发布或者 page 不存在. Error 41030 (page 不合法).
        var page = SimulatorJson.String(body, "page");
        if (!string.IsNullOrEmpty(page))
        {
            if (page.StartsWith('/') || page.Contains('?', StringComparison.Ordinal))
            {
                return SimulatorErrors.Error(SimulatorErrors.InvalidPage, "invalid page");
            }

            if (SimulatorJson.Bool(body, "check_path", fallback: true) && !SubscribeEndpoints.PageIsReleased(state.Options, page))
            {
                return SimulatorErrors.Error(SimulatorErrors.InvalidPage, "invalid page");
            }
        }

        return Results.Bytes(s_tinyPng, "image/png");
    }

    [GeneratedRegex(@"^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$")]
    private static partial Regex Scene();
}
