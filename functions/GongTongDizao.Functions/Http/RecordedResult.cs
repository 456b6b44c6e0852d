using System.Text;

namespace GongTongDizao.Functions.Http;

/// <summary>A response kept as sent: the first answer to an Idempotency-Key, written again for every repeat.</summary>
public sealed class RecordedResult(int statusCode, string? contentType, string? location, string? body) : IActionResult
{
    public int StatusCode { get; } = statusCode;

    public string? ContentType { get; } = contentType;

    public string? Location { get; } = location;

    public string? Body { get; } = body;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }

        if (Body is null)
        {
            return;
        }

        response.ContentType = ContentType;
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Body), context.HttpContext.RequestAborted);
    }
}
