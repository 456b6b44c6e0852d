using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary><c>GET /sns/jscode2session</c>.</summary>
internal static class LoginEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/sns/jscode2session", (Delegate)Code2SessionAsync);

    private static async Task<IResult> Code2SessionAsync(HttpContext context)
    {
        if (await ApiGate.EnterAsync(context, SimulatorApis.Code2Session, requiresAccessToken: false) is { } early)
        {
            return early;
        }

        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        var query = context.Request.Query;
        if (query["appid"] != state.Options.AppId)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidAppId, "invalid appid");
        }

        if (!FixedTimeEquals(query["secret"], state.Options.AppSecret))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidAppSecret, "invalid appsecret");
        }

        if (query["grant_type"] != "authorization_code")
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidGrantType, "invalid grant_type");
        }

        string code = query["js_code"].ToString();
        if (string.IsNullOrEmpty(code))
        {
            return SimulatorErrors.Error(SimulatorErrors.MissingCode, "missing code");
        }

        string? openId;
        if (code.StartsWith("risky-user-", StringComparison.Ordinal))
        {
            return SimulatorErrors.Error(SimulatorErrors.HighRiskUser, "high risk user");
        }
        else if (code.StartsWith("demo-", StringComparison.Ordinal) || code.StartsWith("dev-", StringComparison.Ordinal))
        {
            openId = OpenIds.For(code);
        }
        else
        {
            (openId, var errCode) = state.LoginCodes.Redeem(code);
            if (openId is null)
            {
                return SimulatorErrors.Error(errCode, errCode == SimulatorErrors.CodeUsed ? "code been used" : "invalid code");
            }
        }

        // Like WeChat: no errcode on success, a fresh session_key on every login, and text/plain.
        var answer = new JsonObject
        {
            ["session_key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)),
            ["openid"] = openId,
        };
        if (state.Options.IncludeUnionId)
        {
            answer["unionid"] = OpenIds.UnionIdFor(openId);
        }

        state.Issued.RecordSession(openId, answer["unionid"]?.GetValue<string>(), answer["session_key"]!.GetValue<string>());
        // A login is a use of the mini-program, which content security v2 asks for (see ActiveUserStore).
        state.ActiveUsers.Seen(openId);

        return Results.Text(answer.ToJsonString(), "text/plain");
    }

    private static bool FixedTimeEquals(string? actual, string expected) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(actual), System.Text.Encoding.UTF8.GetBytes(expected));
}
