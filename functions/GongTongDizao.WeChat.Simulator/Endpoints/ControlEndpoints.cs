using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// Test controls under <c>/__simulator</c>: login and phone codes, visits, quotas, faults, pushes, inspection and reset.
/// Bodies and answers are camelCase JSON.
/// </summary>
internal static class ControlEndpoints
{
    public const string Prefix = "/__simulator";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Prefix);
        group.MapPost("/login-codes", (Delegate)IssueLoginCodeAsync);
        group.MapPost("/phone-codes", (Delegate)IssuePhoneCodeAsync);
        group.MapPost("/visits", (Delegate)RecordVisitAsync);
        group.MapPost("/quota", (Delegate)GrantQuotaAsync);
        group.MapPost("/faults", (Delegate)AddFaultAsync);
        group.MapGet("/faults", (HttpContext c) => Results.Json(State(c).Faults, JsonSerializerOptions.Web));
        group.MapDelete("/faults", (HttpContext c) =>
        {
            State(c).ClearFaults();
            return Results.NoContent();
        });
        group.MapGet("/sent", (Delegate)ListSent);
        group.MapGet("/stats", (HttpContext c) => Results.Json(State(c).Stats, JsonSerializerOptions.Web));
        group.MapPost("/push", (Delegate)PushAsync);
        group.MapGet("/pushes", (HttpContext c) => Results.Json(State(c).PushDeliveries, JsonSerializerOptions.Web));
        group.MapPost("/reset", (HttpContext c) =>
        {
            State(c).Reset();
            return Results.NoContent();
        });
    }

    private static WeChatSimulatorState State(HttpContext context) => context.RequestServices.GetRequiredService<WeChatSimulatorState>();

    private static async Task<IResult> IssueLoginCodeAsync(HttpContext context)
    {
        // The body is optional: {} or nothing issues a code for a new random user.
        var body = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
            ? await SimulatorJson.ReadBodyAsync(context)
            : null;
        var openId = body is { } b ? SimulatorJson.String(b, "openid") ?? SimulatorJson.String(b, "openId") : null;
        var issued = State(context).IssueLoginCode(openId);
        return Results.Json(new JsonObject
        {
            ["code"] = issued.Code,
            ["openid"] = issued.OpenId,
            ["expiresIn"] = (long)State(context).Options.LoginCodeLifetime.TotalSeconds,
        });
    }

    /// <summary>{phoneNumber, openid?} → a single-use phone-number code, as the phone-number button hands the mini-program.</summary>
    private static async Task<IResult> IssuePhoneCodeAsync(HttpContext context)
    {
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body
            || (SimulatorJson.String(body, "phoneNumber") ?? SimulatorJson.String(body, "phone")) is not { Length: > 0 } phone)
        {
            return Results.BadRequest("a JSON body {phoneNumber, openid?} is required");
        }

        var openId = SimulatorJson.String(body, "openid") ?? SimulatorJson.String(body, "openId");
        var state = State(context);
        return Results.Json(new JsonObject
        {
            ["code"] = state.IssuePhoneCode(phone, openId),
            ["expiresIn"] = (long)state.Options.PhoneCodeLifetime.TotalSeconds,
        });
    }

    /// <summary>{openid} → records that the user used the mini-program now (content security v2 needs a recent visit).</summary>
    private static async Task<IResult> RecordVisitAsync(HttpContext context)
    {
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body
            || (SimulatorJson.String(body, "openid") ?? SimulatorJson.String(body, "openId")) is not { Length: > 0 } openId)
        {
            return Results.BadRequest("a JSON body {openid} is required");
        }

        State(context).RecordVisit(openId);
        return Results.NoContent();
    }

    private static async Task<IResult> GrantQuotaAsync(HttpContext context)
    {
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body)
        {
            return Results.BadRequest("a JSON body {openid, templateId, count} is required");
        }

        var openId = SimulatorJson.String(body, "openid") ?? SimulatorJson.String(body, "openId");
        var templateId = SimulatorJson.String(body, "templateId");
        if (string.IsNullOrEmpty(openId) || string.IsNullOrEmpty(templateId))
        {
            return Results.BadRequest("openid and templateId are required");
        }

        var count = (int)(SimulatorJson.Number(body, "count") ?? 1);
        var longTerm = SimulatorJson.Bool(body, "longTerm");
        var remaining = State(context).GrantQuota(openId, templateId, count, longTerm);
        return Results.Json(new JsonObject { ["openid"] = openId, ["templateId"] = templateId, ["remaining"] = remaining, ["longTerm"] = longTerm });
    }

    private static async Task<IResult> AddFaultAsync(HttpContext context)
    {
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body || SimulatorJson.String(body, "api") is not { Length: > 0 } api)
        {
            return Results.BadRequest("a JSON body {api, errcode?, delayMs?, httpStatus?, count?} is required");
        }

        var fault = new SimulatorFault(
            api,
            (int?)(SimulatorJson.Number(body, "errcode") ?? SimulatorJson.Number(body, "errCode")),
            (int?)SimulatorJson.Number(body, "delayMs"),
            (int?)SimulatorJson.Number(body, "httpStatus"),
            (int)(SimulatorJson.Number(body, "count") ?? 1));
        if (fault.ErrCode is null && fault.DelayMs is null && fault.HttpStatus is null)
        {
            return Results.BadRequest("one of errcode, delayMs or httpStatus is required");
        }

        State(context).AddFault(fault);
        return Results.Json(fault, JsonSerializerOptions.Web, statusCode: StatusCodes.Status201Created);
    }

    private static IResult ListSent(HttpContext context)
    {
        string? openId = context.Request.Query["openid"];
        var sent = State(context).SentMessages.Where(m => openId is null || m.ToOpenId == openId);
        return Results.Json(sent, JsonSerializerOptions.Web);
    }

    private static async Task<IResult> PushAsync(HttpContext context)
    {
        JsonObject? message;
        try
        {
            message = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null)
        {
            return Results.BadRequest("the body is the push message as a JSON object");
        }

        var state = State(context);
        var delivery = await state.PushEventAsync(message, state.ShutdownToken);
        return Results.Json(delivery, JsonSerializerOptions.Web);
    }
}
