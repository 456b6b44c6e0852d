using System.Text.Json;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Functions.Http;

/// <summary>
/// Writes a JSON body with the API's serializer settings. It needs no MVC formatters, so it runs the same
/// under the Functions runtime and the DevHost.
/// </summary>
public sealed class JsonApiResult(object? value, int statusCode, string contentType = "application/json; charset=utf-8") : IActionResult
{
    public object? Value { get; } = value;

    public int StatusCode { get; } = statusCode;

    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string ContentType { get; } = contentType;

    /// <summary>The body as it is sent, or null when there is none.</summary>
    public string? SerializeBody() => Value is null ? null : JsonSerializer.Serialize(Value, Value.GetType(), JsonDefaults.Options);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, headerValue) in Headers)
        {
            response.Headers[name] = headerValue;
        }

        if (Value is null)
        {
            return;
        }

        response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(response.Body, Value, Value.GetType(), JsonDefaults.Options, context.HttpContext.RequestAborted);
    }
}
