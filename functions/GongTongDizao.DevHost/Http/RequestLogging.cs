using System.Diagnostics;
using GongTongDizao.DevHost.Functions;

namespace GongTongDizao.DevHost.Http;

/// <summary>One line per request: method, route template (never the query string, which may carry a key), status, duration.</summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = context.Features.Get<HttpRouteMatch>()?.Template ?? "(no route)";
            var invocation = context.Features.Get<FunctionInvocation>();
            Log(logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, invocation?.Function ?? "-", invocation?.Id ?? "-");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Route} -> {Status} in {ElapsedMs:0.0} ms (Functions.{Function}, Id={InvocationId})")]
    private static partial void Log(ILogger logger, string method, string route, int status, double elapsedMs, string function, string invocationId);
}
