using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// One Debug line per store round trip (category <see cref="Category"/>), so an operator, a test or the bench can
/// see what one invocation cost: the worker tags each line with the invocation it belongs to. Off by default: at
/// Information and above nothing is formatted.
/// </summary>
public static partial class StoreCallLog
{
    public const string Category = "GongTongDizao.Storage.Calls";

    [LoggerMessage(Level = LogLevel.Debug, Message = "cosmos {Method} {Path} partitioned={Partitioned} query={Query} plan={Plan} crossPartition={CrossPartition}")]
    internal static partial void Cosmos(ILogger logger, string method, string path, bool partitioned, bool query, bool plan, bool crossPartition);

    [LoggerMessage(Level = LogLevel.Debug, Message = "queue {Method} {Path}")]
    internal static partial void Queue(ILogger logger, string method, string path);
}

/// <summary>The Cosmos side of <see cref="StoreCallLog"/>: observes each request, changes nothing.</summary>
public sealed class CosmosCallLogging(ILoggerFactory loggers) : RequestHandler
{
    private readonly ILogger _logger = loggers.CreateLogger(StoreCallLog.Category);

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            StoreCallLog.Cosmos(
                _logger,
                request.Method.Method,
                request.RequestUri.OriginalString,
                !string.IsNullOrEmpty(request.Headers["x-ms-documentdb-partitionkey"]),
                IsTrue(request, "x-ms-documentdb-isquery"),
                IsTrue(request, "x-ms-cosmos-is-query-plan-request"),
                IsTrue(request, "x-ms-documentdb-query-enablecrosspartition"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsTrue(RequestMessage request, string header) =>
        string.Equals(request.Headers[header], "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The queue side of <see cref="StoreCallLog"/>: one line per request of the queue client.</summary>
public sealed class QueueCallLogging(ILoggerFactory loggers) : HttpPipelineSynchronousPolicy
{
    private readonly ILogger _logger = loggers.CreateLogger(StoreCallLog.Category);

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            StoreCallLog.Queue(_logger, message.Request.Method.Method, message.Request.Uri.Path);
        }
    }
}
