using System.Diagnostics;
using System.Globalization;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Functions.Http;

/// <summary>The one mapping of an expected failure to RFC 9457 ProblemDetails (application/problem+json).</summary>
public static class ProblemResult
{
    public static JsonApiResult From(Error error, string? instance = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        var body = new Dictionary<string, object?>
        {
            ["type"] = $"https://gongtongdizao.example/errors/{error.Code.ToLowerInvariant().Replace('_', '-')}",
            ["title"] = error.Title,
            ["status"] = error.Status,
            ["code"] = error.Code,
        };
        if (error.Detail is not null)
        {
            body["detail"] = error.Detail;
        }

        if (instance is not null)
        {
            body["instance"] = instance;
        }

        if (error.Errors is not null)
        {
            body["errors"] = error.Errors;
        }

        body["traceId"] = Activity.Current?.TraceId.ToString();
        var result = new JsonApiResult(body, error.Status, "application/problem+json; charset=utf-8");
        if (error.RetryAfter is { } retry)
        {
            result.Headers["Retry-After"] = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return result;
    }
}
