using GongTongDizao.DevHost.Metadata;

namespace GongTongDizao.DevHost.Http;

public static class FunctionEndpoints
{
    public const string RoutePrefix = "api";

    /// <summary>Maps every HTTP function under /api with its methods and key check, as the Functions host does.</summary>
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionDescriptor> functions, FunctionKeyAuthorizer keys)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var function in functions)
        {
            if (function.Http is not { } http)
            {
                continue;
            }

            var invoker = new HttpFunctionInvoker(function);
            RequestDelegate handler = async context =>
            {
                if (!keys.IsAuthorized(http.AuthLevel, context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await invoker.InvokeAsync(context);
            };
            var pattern = $"/{RoutePrefix}/{http.Route}";
            var builder = http.Methods.Count == 0 ? endpoints.Map(pattern, handler) : endpoints.MapMethods(pattern, http.Methods, handler);
            builder.WithDisplayName(function.Name).WithMetadata(function);
        }

        return endpoints;
    }
}
