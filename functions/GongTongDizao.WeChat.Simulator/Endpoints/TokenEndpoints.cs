using System.Net;
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

        // doc "获取稳定版接口调用凭据 getStableAccessToken" / 40164: the caller's address must be in the IP whitelist
        // (开发管理 → 开发设置 → IP白名单); WeChat names the address it saw.
        if (!IsWhitelisted(state.Options, context.Connection.RemoteIpAddress))
        {
            var seen = context.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "unknown";
            return SimulatorErrors.Error(SimulatorErrors.IpNotWhitelisted, $"invalid ip {seen} ipv6 ::ffff:{seen}, not in whitelist");
        }

        var forceRefresh = SimulatorJson.Bool(body, "force_refresh");
        state.Calls.CountStableToken(forceRefresh);
        var (token, expiresIn, errCode) = state.Tokens.Get(forceRefresh);
        return token is null
            ? SimulatorErrors.Error(errCode, SimulatorErrors.DefaultMessage(errCode))
            : Results.Json(new JsonObject { ["access_token"] = token, ["expires_in"] = expiresIn });
    }

    private static bool IsWhitelisted(WeChatSimulatorOptions options, IPAddress? caller)
    {
        if (caller is null)
        {
            // In-memory test servers have no connection address; nothing to compare.
            return true;
        }

        var normalized = caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller;
        return options.WhitelistedIps.Any(entry => IPAddress.TryParse(entry, out var allowed)
            && (allowed.IsIPv4MappedToIPv6 ? allowed.MapToIPv4() : allowed).Equals(normalized));
    }
}
