using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat.Simulator;

/// <summary><c>POST /cgi-bin/message/subscribe/send</c> with template, page, data and quota checks.</summary>
internal static partial class SubscribeEndpoints
{
    private static readonly string[] s_states = ["developer", "trial", "formal"];

    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/cgi-bin/message/subscribe/send", (Delegate)SendAsync);

    private static async Task<IResult> SendAsync(HttpContext context)
    {
        if (await ApiGate.EnterAsync(context, SimulatorApis.SubscribeSend, requiresAccessToken: true) is { } early)
        {
            return early;
        }

        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body)
        {
            return SimulatorErrors.Error(SimulatorErrors.DataFormatError, "data format error");
        }

        var toUser = SimulatorJson.String(body, "touser");
        if (toUser is null || !OpenIdShape().IsMatch(toUser))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidOpenId, "invalid openid");
        }

        var templateId = SimulatorJson.String(body, "template_id");
        if (string.IsNullOrEmpty(templateId) || !TemplateIdShape().IsMatch(templateId)
            || (state.Options.TemplateIds.Count > 0 && !state.Options.TemplateIds.Contains(templateId, StringComparer.Ordinal)))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidTemplateId, "invalid template_id");
        }

        var page = SimulatorJson.String(body, "page");
        if (!string.IsNullOrEmpty(page) && !PageIsReleased(state.Options, page))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidPage, "invalid page");
        }

        var miniProgramState = SimulatorJson.String(body, "miniprogram_state") ?? "formal";
        if (!s_states.Contains(miniProgramState, StringComparer.Ordinal))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidData, "argument invalid! miniprogram_state invalid");
        }

        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidData, "argument invalid! data is empty");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyword in data.EnumerateObject())
        {
            var value = keyword.Value.ValueKind == JsonValueKind.Object ? SimulatorJson.String(keyword.Value, "value") : null;
            if (KeywordValueValidator.Check(keyword.Name, value) is { } complaint)
            {
                return SimulatorErrors.Error(SimulatorErrors.InvalidData, $"argument invalid! data.{keyword.Name}.value {complaint}");
            }

            values[keyword.Name] = value!;
        }

        if (!state.Quotas.TryConsume(toUser, templateId))
        {
            return SimulatorErrors.Error(SimulatorErrors.SubscriptionRefused, "user refuse to accept the msg");
        }

        var msgId = state.NextMsgId();
        state.RecordSent(new SentSubscribeMessage(msgId, toUser, templateId, page, values, miniProgramState,
            SimulatorJson.String(body, "lang") ?? "zh_CN", state.Options.TimeProvider.GetUtcNow()));
        state.Logger.LogInformation("Simulated subscribe message {MsgId} with template {TemplateId}", msgId, templateId);

        if (state.Options.PushSentEvents)
        {
            var sentEvent = new JsonObject
            {
                ["FromUserName"] = toUser,
                ["Event"] = "subscribe_msg_sent_event",
                ["List"] = new JsonObject { ["TemplateId"] = templateId, ["MsgID"] = msgId, ["ErrorCode"] = 0, ["ErrorStatus"] = "success" },
            };
            state.RunLater(TimeSpan.Zero, ct => state.PushEventAsync(sentEvent, ct));
        }

        return Results.Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["msgid"] = long.Parse(msgId, System.Globalization.CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// Whether <paramref name="page"/> (its path; a subscribe message's page may carry a query, doc "发送订阅消息":
    /// 支持带参数,示例 index?foo=bar) is a released page: 41030 otherwise (需要保证在现网版本小程序中存在,与 app.json 保持一致).
    /// Paths are compared as written, so a leading '/' is not a released page.
    /// </summary>
    internal static bool PageIsReleased(WeChatSimulatorOptions options, string page)
    {
        if (!options.ValidatePages)
        {
            return true;
        }

        var path = page.Split('?')[0];
        return options.Pages.Any(p => string.Equals(p, path, StringComparison.Ordinal));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{20,64}$")]
    private static partial Regex OpenIdShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex TemplateIdShape();
}
