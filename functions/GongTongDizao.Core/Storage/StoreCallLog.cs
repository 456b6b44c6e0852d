using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// One Debug line per store round trip (category <see cref="Category"/>), written when the answer is in, with its
/// status and how long it took, so an operator, a test or the bench can see what one invocation cost and where its
/// time went: the worker tags each line with the invocation it belongs to. Off by default: at Information and above
/// nothing is formatted and nothing is timed.
/// </summary>
public static partial class StoreCallLog
{
    public const string Category = "GongTongDizao.Storage.Calls";

    [LoggerMessage(Level = LogLevel.Debug, Message = "cosmos {Method} {Path} partitioned={Partitioned} query={Query} plan={Plan} crossPartition={CrossPartition} status={Status} ms={ElapsedMs:0.0}")]
    internal static partial void Cosmos(ILogger logger, string method, string path, bool partitioned, bool query, bool plan, bool crossPartition, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "queue {Method} {Path} status={Status} ms={ElapsedMs:0.0}")]
    internal static partial void Queue(ILogger logger, string method, string path, int status, double elapsedMs);
}

/// <summary>The Cosmos side of <see cref="StoreCallLog"/>: observes each request, changes nothing.</summary>
public sealed class CosmosCallLogging(ILoggerFactory loggers) : RequestHandler
{
    private readonly ILogger _logger = loggers.CreateLogger(StoreCallLog.Category);

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _logger.IsEnabled(LogLevel.Debug) ? SendLoggedAsync(request, cancellationToken) : base.SendAsync(request, cancellationToken);
    }

    private async Task<ResponseMessage> SendLoggedAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        StoreCallLog.Cosmos(
            _logger,
            request.Method.Method,
            request.RequestUri.OriginalString,
            !string.IsNullOrEmpty(request.Headers["x-ms-documentdb-partitionkey"]),
            IsTrue(request, "x-ms-documentdb-isquery"),
            IsTrue(request, "x-ms-cosmos-is-query-plan-request"),
            IsTrue(request, "x-ms-documentdb-query-enablecrosspartition"),
            (int)response.StatusCode,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    private static bool IsTrue(RequestMessage request, string header) =>
        string.Equals(request.Headers[header], "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The queue side of <see cref="StoreCallLog"/>: one line per request of the queue client, retries included.</summary>
public sealed class QueueCallLogging(ILoggerFactory loggers) : HttpPipelinePolicy
{
    private readonly ILogger _logger = loggers.CreateLogger(StoreCallLog.Category);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Log(message, started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        Log(message, started);
    }

    private void Log(HttpMessage message, long started)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            StoreCallLog.Queue(_logger, message.Request.Method.Method, message.Request.Uri.Path, message.HasResponse ? message.Response.Status : 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
