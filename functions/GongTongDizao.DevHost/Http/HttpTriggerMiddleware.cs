using System.Text.Json;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Rpc;
using GongTongDizao.DevHost.Worker;
using Yarp.ReverseProxy.Forwarder;

namespace GongTongDizao.DevHost.Http;

/// <summary>
/// What the Functions host does with an HTTP request for an isolated worker using the ASP.NET Core integration:
/// match the route and method, check the function key, send the InvocationRequest, and forward the request to the
/// worker's own server with <c>x-ms-invocation-id</c> (YARP, streaming both bodies). The worker writes the response.
/// </summary>
public sealed partial class HttpTriggerMiddleware(
    RequestDelegate next,
    WorkerSupervisor supervisor,
    IHttpForwarder forwarder,
    WorkerHttpClient client,
    FunctionKeyAuthorizer keys,
    ILogger<HttpTriggerMiddleware> logger)
{
    // Requests that arrive while the worker restarts wait this long for it before they get a 503.
    private static readonly TimeSpan s_readyWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan s_responseWait = TimeSpan.FromSeconds(10);


    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        WorkerChannel channel;
        try
        {
            channel = await supervisor.GetReadyAsync(s_readyWait, context.RequestAborted);
        }
        catch (WorkerUnavailableException)
        {
            await WriteUnavailableAsync(context);
            return;
        }

        var match = channel.Routes.Match(context.Request.Method, context.Request.Path);
        if (match is null)
        {
            await next(context);
            return;
        }

        context.Features.Set(match);
        if (!keys.IsAuthorized(match.Function.Http!.AuthLevel, context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var invocationId = Guid.NewGuid().ToString();
        context.Features.Set(new FunctionInvocation(match.Function.Name, invocationId));
        var invocation = channel.InvokeAsync(Request(invocationId, match, context), match.Function, CancellationToken.None);
        var error = await forwarder.SendAsync(context, channel.HttpUri!.ToString(), client.Invoker, ForwarderRequestConfig.Empty, new InvocationTransformer(invocationId));
        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            LogForwardFailed(logger, match.Function.Name, invocationId, error);
            await WriteUnavailableAsync(context);
        }

        try
        {
            var response = await invocation.WaitAsync(s_responseWait);
            if (response.Result?.Status == StatusResult.Types.Status.Failure)
            {
                LogFailed(logger, match.Function.Name, invocationId, response.Result.Exception?.Type ?? "?", response.Result.Exception?.Message ?? response.Result.Result);
            }
        }
        catch (Exception ex) when (ex is WorkerUnavailableException or TimeoutException)
        {
            LogNoResponse(logger, match.Function.Name, invocationId, ex.Message);
        }
    }

    private static InvocationRequest Request(string invocationId, HttpRouteMatch match, HttpContext context)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = match.Function.FunctionId,
            TraceContext = InvocationTrace.Current(),
        };
        request.InputData.Add(new ParameterBinding { Name = match.Function.TriggerBindingName, Data = new TypedData { Http = new RpcHttp() } });

        // Route values bind the function's other parameters (string id ...), as the Functions host sends them.
        foreach (var (name, value) in match.Values)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = value.ToString() };
            }
        }

        request.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) };
        return request;
    }

    internal static async Task WriteUnavailableAsync(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync("""{"type":"https://gongtongdizao.example/errors/service-unavailable","title":"服务暂时不可用，请稍后再试","status":503,"code":"SERVICE_UNAVAILABLE"}""");
    }

    private sealed class InvocationTransformer(string invocationId) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await Default.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.TryAddWithoutValidation("x-ms-invocation-id", invocationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "[{Function} {InvocationId}] forwarding to the worker failed: {Error}")]
    private static partial void LogForwardFailed(ILogger logger, string function, string invocationId, ForwarderError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "[{Function} {InvocationId}] failed: {Type}: {Message}")]
    private static partial void LogFailed(ILogger logger, string function, string invocationId, string type, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "[{Function} {InvocationId}] no invocation response: {Reason}")]
    private static partial void LogNoResponse(ILogger logger, string function, string invocationId, string reason);
}
