using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary><c>POST /cgi-bin/stable_token</c>. The classic <c>/cgi-bin/token</c> is deliberately absent.</summary>
internal static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/cgi-bin/stable_token", (Delegate)StableTokenAsync);

    private static async Task<IResult> StableTokenAsync(HttpContext context)
    {
        if (await ApiGate.EnterAsync(context, SimulatorApis.StableToken, requiresAccessToken: false) is { } early)
        {
            return early;
        }

        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body)
        {
            return SimulatorErrors.Error(SimulatorErrors.DataFormatError, "data format error");
        }

        if (SimulatorJson.String(body, "grant_type") != "client_credential")
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidGrantType, "invalid grant_type");
        }

        if (SimulatorJson.String(body, "appid") != state.Options.AppId)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidAppId, "invalid appid");
        }

        if (SimulatorJson.String(body, "secret") != state.Options.AppSecret)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidAppSecret, "invalid appsecret");
        }

        var forceRefresh = SimulatorJson.Bool(body, "force_refresh");
        state.Calls.CountStableToken(forceRefresh);
        var (token, expiresIn) = state.Tokens.Get(forceRefresh);
        return Results.Json(new JsonObject { ["access_token"] = token, ["expires_in"] = expiresIn });
    }
}
