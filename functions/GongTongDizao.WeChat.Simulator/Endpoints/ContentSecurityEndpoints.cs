using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// <c>POST /wxa/msg_sec_check</c> (verdict by configured words) and <c>POST /wxa/media_check_async</c>
/// (verdict pushed later, chosen by the URL: <c>risky</c>, <c>review</c>, <c>downloadfail</c>,
/// <c>noverdict</c> = never pushed, anything else passes). Every verdict carries the platform's FromUserName, and
/// checks submitted within one second carry the same CreateTime, as WeChat's do.
/// </summary>
internal static class ContentSecurityEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/wxa/msg_sec_check", (Delegate)CheckTextAsync);
        routes.MapPost("/wxa/media_check_async", (Delegate)CheckMediaAsync);
    }

    private static async Task<IResult> CheckTextAsync(HttpContext context)
    {
        if (await ApiGate.EnterAsync(context, SimulatorApis.MsgSecCheck, requiresAccessToken: true) is { } early)
        {
            return early;
        }

        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body)
        {
            return SimulatorErrors.Error(SimulatorErrors.DataFormatError, "data format error");
        }

        if (SimulatorJson.Number(body, "version") != 2)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidArgs, "invalid args, version must be 2");
        }

        if (CheckSceneAndUser(state, body) is { } refused)
        {
            return refused;
        }

        var content = SimulatorJson.String(body, "content");
        if (string.IsNullOrEmpty(content) || new StringInfo(content).LengthInTextElements > 2500)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidArgs, "invalid args, content is empty or longer than 2500");
        }

        var text = string.Join('\n', new[] { content, SimulatorJson.String(body, "title"), SimulatorJson.String(body, "nickname"), SimulatorJson.String(body, "signature") }
            .Where(s => !string.IsNullOrEmpty(s)));
        var (suggest, label, keyword) = Judge(state.Options, text);
        var detail = new JsonObject { ["strategy"] = "content_model", ["errcode"] = 0, ["suggest"] = suggest, ["label"] = label, ["prob"] = 90 };
        if (keyword is not null)
        {
            detail["keyword"] = keyword;
        }

        return Results.Json(new JsonObject
        {
            ["errcode"] = 0,
            ["errmsg"] = "ok",
            ["result"] = new JsonObject { ["suggest"] = suggest, ["label"] = label },
            ["detail"] = new JsonArray(detail),
            ["trace_id"] = NewTraceId(),
        });
    }

    private static async Task<IResult> CheckMediaAsync(HttpContext context)
    {
        if (await ApiGate.EnterAsync(context, SimulatorApis.MediaCheckAsync, requiresAccessToken: true) is { } early)
        {
            return early;
        }

        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body)
        {
            return SimulatorErrors.Error(SimulatorErrors.DataFormatError, "data format error");
        }

        var url = SimulatorJson.String(body, "media_url");
        if (SimulatorJson.Number(body, "version") != 2
            || SimulatorJson.Number(body, "media_type") is not (1 or 2)
            || !IsAcceptedMediaUrl(state.Options, url))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidArgs, "invalid args");
        }

        if (CheckSceneAndUser(state, body) is { } refused)
        {
            return refused;
        }

        var traceId = NewTraceId();
        var verdict = MediaVerdict(url!);
        if (verdict is not null)
        {
            var message = MediaCheckEvent(state.Options, traceId, verdict.Value);
            state.RunLater(state.Options.MediaCheckDelay, ct => state.PushEventAsync(message, ct));
        }

        return Results.Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["trace_id"] = traceId });
    }

    private static (string Suggest, int Label, string? Keyword) Judge(WeChatSimulatorOptions options, string text)
    {
        foreach (var (word, label) in options.RiskyWords)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return ("risky", label, word);
            }
        }

        foreach (var word in options.ReviewWords)
        {
            if (text.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return ("review", 21000, word);
            }
        }

        return ("pass", 100, null);
    }

    private static (string Suggest, int Label, int ErrCode)? MediaVerdict(string url) =>
        url.Contains("noverdict", StringComparison.OrdinalIgnoreCase) ? null
        : url.Contains("downloadfail", StringComparison.OrdinalIgnoreCase) ? ("review", 0, -1008)
        : url.Contains("risky", StringComparison.OrdinalIgnoreCase) ? ("risky", 20002, 0)
        : url.Contains("review", StringComparison.OrdinalIgnoreCase) ? ("review", 20002, 0)
        : ("pass", 100, 0);

    /// <summary>
    /// The checks msg_sec_check and media_check_async v2 share (doc "文本内容安全识别" and "多媒体内容安全识别"): scene is 1
    /// 资料, 2 评论, 3 论坛 or 4 社交日志, else 40129 场景值错误; openid is required (40003 openid 无效) and must have used the
    /// mini-program in the last two hours (用户需在近两小时访问过小程序), else 61010 用户访问记录超时.
    /// </summary>
    private static IResult? CheckSceneAndUser(WeChatSimulatorState state, System.Text.Json.JsonElement body)
    {
        if (SimulatorJson.Number(body, "scene") is not (>= 1 and <= 4))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidScene, "invalid scene");
        }

        var openId = SimulatorJson.String(body, "openid");
        if (string.IsNullOrEmpty(openId))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidOpenId, "invalid openid");
        }

        return state.ActiveUsers.IsActive(openId)
            ? null
            : SimulatorErrors.Error(SimulatorErrors.UserVisitExpired, SimulatorErrors.DefaultMessage(SimulatorErrors.UserVisitExpired));
    }

    /// <summary>
    /// media_url: doc "多媒体内容安全识别" asks only that it can be downloaded by the detection servers (errcode -1008 in the
    /// verdict otherwise); WECHAT.md asks for https, which our SAS URLs are. So https, or http on a loopback host (a local
    /// stack's Azurite, which WeChat could never reach anyway); <see cref="WeChatSimulatorOptions.AllowInsecureMediaUrls"/>
    /// relaxes it for a test.
    /// </summary>
    private static bool IsAcceptedMediaUrl(WeChatSimulatorOptions options, string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var mediaUrl)
        && (mediaUrl.Scheme == Uri.UriSchemeHttps
            || (mediaUrl.Scheme == Uri.UriSchemeHttp && (mediaUrl.IsLoopback || options.AllowInsecureMediaUrls)));

    private static JsonObject MediaCheckEvent(WeChatSimulatorOptions options, string traceId, (string Suggest, int Label, int ErrCode) verdict)
    {
        var message = new JsonObject
        {
            ["ToUserName"] = options.OriginalId,
            // Not the checked user's openid: the platform's push account, shared by all verdicts (see PlatformPushUserName).
            ["FromUserName"] = options.PlatformPushUserName,
            ["CreateTime"] = options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
            ["MsgType"] = "event",
            ["Event"] = "wxa_media_check",
            ["appid"] = options.AppId,
            ["trace_id"] = traceId,
            ["version"] = 2,
            ["errcode"] = verdict.ErrCode,
            ["errmsg"] = verdict.ErrCode == 0 ? "ok" : "download media fail",
        };
        if (verdict.ErrCode == 0)
        {
            message["detail"] = new JsonArray(new JsonObject
            {
                ["strategy"] = "content_model", ["errcode"] = 0, ["suggest"] = verdict.Suggest, ["label"] = verdict.Label, ["prob"] = 90,
            });
            message["result"] = new JsonObject { ["suggest"] = verdict.Suggest, ["label"] = verdict.Label };
        }

        return message;
    }

    private static string NewTraceId() =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
