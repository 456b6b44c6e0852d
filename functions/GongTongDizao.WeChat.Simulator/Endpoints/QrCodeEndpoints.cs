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
    internal static readonly byte[] TinyPng = Convert.FromBase64String(
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

        var scene = SimulatorJson.String(body, "scene");
        if (string.IsNullOrEmpty(scene) || scene.Length > 32 || !Scene().IsMatch(scene))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidScene, "invalid length for scene, or the data is not json string");
        }

        var page = SimulatorJson.String(body, "page");
        if (!string.IsNullOrEmpty(page) && SimulatorJson.Bool(body, "check_path", fallback: true)
            && !SubscribeEndpoints.PageIsReleased(state.Options, page))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidPage, "invalid page");
        }

        return Results.Bytes(TinyPng, "image/png");
    }

    [GeneratedRegex(@"^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$")]
    private static partial Regex Scene();
}
