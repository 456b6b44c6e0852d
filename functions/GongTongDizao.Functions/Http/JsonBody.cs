using System.Text.Json;
using GongTongDizao.Core.Common;

namespace GongTongDizao.Functions.Http;

/// <summary>Reads a JSON request body: application/json only, at most 1 MB, valid UTF-8 and JSON, no unknown members.</summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<Result<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Error.From(ErrorCodes.UnsupportedMediaType);
        }

        if (request.ContentLength > MaxBytes)
        {
            return Error.From(ErrorCodes.PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return Error.From(ErrorCodes.PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            return Error.From(ErrorCodes.InvalidJson);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8.
            return Error.From(ErrorCodes.InvalidJson);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Error.From(ErrorCodes.InvalidJson, "请求体必须是 JSON 对象");
            }

            try
            {
                var value = document.RootElement.Deserialize<T>(JsonDefaults.Api);
                return value is null ? Error.From(ErrorCodes.InvalidJson) : value;
            }
            catch (JsonException ex)
            {
                var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "$" : ex.Path.TrimStart('$', '.');
                var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "不支持的字段"
                    : ex.Message.Contains("missing required", StringComparison.Ordinal) ? "缺少必填字段"
                    : "字段格式不正确";
                return Error.Validation(field, message);
            }
        }
    }
}
