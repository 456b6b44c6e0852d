using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// <c>POST /wxa/business/getuserphonenumber</c> {code, openid?}: a code issued by
/// <see cref="WeChatSimulatorState.IssuePhoneCode"/> (or <c>POST /__simulator/phone-codes</c>) yields its number once,
/// within 5 minutes, and only to the openid it was issued to when the caller sends one (doc "手机号快速验证
/// getPhoneNumber": 每个 code 只能使用一次,code 的有效期为 5min; body code, openid 否; errcode 40029 code 无效).
/// countryCode is a number when the last digit is even and a string when odd, because WeChat sends both.
/// </summary>
internal static class PhoneEndpoints
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapPost("/wxa/business/getuserphonenumber", (Delegate)GetPhoneNumberAsync);

    private static async Task<IResult> GetPhoneNumberAsync(HttpContext context)
    {
        if (await ApiGate.EnterAsync(context, SimulatorApis.GetUserPhoneNumber, requiresAccessToken: true) is { } early)
        {
            return early;
        }

        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        if (await SimulatorJson.ReadBodyAsync(context) is not { } body)
        {
            return SimulatorErrors.Error(SimulatorErrors.DataFormatError, "data format error");
        }

        var code = SimulatorJson.String(body, "code");
        if (string.IsNullOrEmpty(code))
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidCode, "invalid code");
        }

        var (digits, errCode, errMsg) = state.PhoneCodes.Redeem(code, SimulatorJson.String(body, "openid"));
        if (digits is null)
        {
            return SimulatorErrors.Error(errCode, errMsg);
        }

        JsonNode countryCode = (digits[^1] - '0') % 2 == 0 ? JsonValue.Create(86) : JsonValue.Create("86");
        return Results.Json(new JsonObject
        {
            ["errcode"] = 0,
            ["errmsg"] = "ok",
            ["phone_info"] = new JsonObject
            {
                ["phoneNumber"] = digits,
                ["purePhoneNumber"] = digits,
                ["countryCode"] = countryCode,
                ["watermark"] = new JsonObject
                {
                    ["timestamp"] = state.Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds(),
                    ["appid"] = state.Options.AppId,
                },
            },
        });
    }
}
