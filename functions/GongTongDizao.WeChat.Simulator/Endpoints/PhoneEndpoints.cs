using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// <c>POST /wxa/business/getuserphonenumber</c>: code <c>phone-&lt;digits&gt;</c> yields that number. countryCode is
/// a number when the last digit is even and a string when odd, because WeChat sends both.
/// Codes are not single-use here, so demo flows can repeat them.
/// </summary>
internal static partial class PhoneEndpoints
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

        var match = PhoneCode().Match(SimulatorJson.String(body, "code") ?? string.Empty);
        if (!match.Success)
        {
            return SimulatorErrors.Error(SimulatorErrors.InvalidCode, "invalid code");
        }

        var digits = match.Groups[1].Value;
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

    [GeneratedRegex("^phone-([0-9]{5,15})$")]
    private static partial Regex PhoneCode();
}
