using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Idempotency;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Functions.Http;

/// <summary>
/// The Idempotency-Key header on requests that create something (IETF draft-ietf-httpapi-idempotency-key-header):
/// a repeat by the same caller with the same key within 24 hours gets the first response and creates nothing; the same
/// key with another request is 422 <c>IDEMPOTENCY_KEY_REUSED</c>; a repeat while the first still runs is 409
/// <c>IDEMPOTENCY_KEY_IN_USE</c>. Only successful responses are kept: after a failure the key may be used again.
/// Without the header the request runs as usual.
/// </summary>
public sealed partial class IdempotentRequests(IdempotencyStore store, ILogger<IdempotentRequests> logger)
{
    public const string Header = "Idempotency-Key";

    public const int MaxKeyLength = 255;

    public async Task<IActionResult> RunAsync(HttpRequest request, Caller caller, Func<Task<IActionResult>> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(run);
        var values = request.Headers[Header];
        if (values.Count == 0)
        {
            return await run();
        }

        if (values.Count > 1 || ParseKey(values[0]) is not { } key)
        {
            return ProblemResult.From(Error.Validation(Header, $"须为 1 到 {MaxKeyLength} 个可见 ASCII 字符（建议使用 UUID），每个请求只带一个"));
        }

        var body = await BufferBodyAsync(request, cancellationToken);
        var fingerprint = IdempotencyStore.Fingerprint(request.Method, request.Path + request.QueryString, body);
        return await store.BeginAsync(caller.Id, key, fingerprint, cancellationToken) switch
        {
            IdempotencyOutcome.Reserved reserved => await RunReservedAsync(reserved.Record, run, cancellationToken),
            IdempotencyOutcome.Replay replay => new RecordedResult(replay.Record.Status, replay.Record.ContentType, replay.Record.Location, replay.Record.Body),
            IdempotencyOutcome.Mismatch => ProblemResult.From(Error.From(ErrorCodes.IdempotencyKeyReused)),
            _ => ProblemResult.From(Error.From(ErrorCodes.IdempotencyKeyInUse) with { RetryAfter = TimeSpan.FromSeconds(1) }),
        };
    }

    private async Task<IActionResult> RunReservedAsync(IdempotencyRecord reserved, Func<Task<IActionResult>> run, CancellationToken cancellationToken)
    {
        IActionResult result;
        try
        {
            result = await run();
        }
        catch
        {
            await store.ReleaseAsync(reserved);
            throw;
        }

        var recorded = result switch
        {
            JsonApiResult { StatusCode: >= 200 and < 300 } json => new RecordedResult(json.StatusCode, json.ContentType, json.Headers.TryGetValue("Location", out var location) ? location : null, json.SerializeBody()),
            StatusCodeResult { StatusCode: >= 200 and < 300 } empty => new RecordedResult(empty.StatusCode, null, null, null),
            _ => null,
        };
        if (recorded is null)
        {
            await store.ReleaseAsync(reserved);
            return result;
        }

        try
        {
            await store.CompleteAsync(reserved, recorded.StatusCode, recorded.ContentType, recorded.Location, recorded.Body, cancellationToken);
        }
        catch (CosmosException ex)
        {
            // The work is done and must be answered as done; a repeat within the stale window still gets 409.
            LogNotRecorded(logger, (int)ex.StatusCode);
        }

        return recorded;
    }

    /// <summary>An sf-string (<c>"…"</c>, as the draft writes it) or the bare value: 1–255 visible ASCII characters.</summary>
    public static string? ParseKey(string? raw)
    {
        var value = raw?.Trim() ?? string.Empty;
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        return value.Length is > 0 and <= MaxKeyLength && value.All(c => c is >= '!' and <= '~' and not '"' and not '\\') ? value : null;
    }

    /// <summary>Reads the body once (up to one byte past the limit, which JsonBody then refuses) and puts it back for the handler.</summary>
    private static async Task<byte[]> BufferBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length <= JsonBody.MaxBytes && (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        request.Body = new MemoryStream(bytes, writable: false);
        return bytes;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The response to an Idempotency-Key request was sent but not recorded (Cosmos status {Status})")]
    private static partial void LogNotRecorded(ILogger logger, int status);
}
