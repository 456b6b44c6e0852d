using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// What every simulated API does first: count the call, apply a fault switch, check the access token.
/// </summary>
internal static class ApiGate
{
    /// <summary>An answer that ends the call (fault or bad token), or null to go on.</summary>
    public static async Task<IResult?> EnterAsync(HttpContext context, string api, bool requiresAccessToken)
    {
        var state = context.RequestServices.GetRequiredService<WeChatSimulatorState>();
        state.Calls.Count(api);

        // Take the whole request in before anything else, as WeChat does: once it is received, a caller that
        // gives up (a client timeout) no longer changes what happens to it.
        context.Request.EnableBuffering();
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Request.Body.Position = 0;

        var fault = state.FaultBoard.Take(api);
        if (fault?.DelayMs is > 0)
        {
            // Real time and not the request's abort token: a slow WeChat still acts on a request whose caller
            // gave up, which is exactly what a timeout test needs to observe.
            await Task.Delay(fault.DelayMs.Value, state.ShutdownToken);
        }

        if (fault?.HttpStatus is { } status)
        {
            return Results.Text($"simulated HTTP {status}", "text/plain", statusCode: status);
        }

        if (fault?.ErrCode is { } errCode)
        {
            return SimulatorErrors.Error(errCode, SimulatorErrors.DefaultMessage(errCode));
        }

        if (requiresAccessToken)
        {
            var check = state.Tokens.Check(context.Request.Query["access_token"]);
            if (check != 0)
            {
                return SimulatorErrors.Error(check, SimulatorErrors.DefaultMessage(check));
            }
        }

        return null;
    }
}
