using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Rpc;

namespace GongTongDizao.DevHost.Worker;

/// <summary>
/// Writes the worker's RpcLog messages to this host's log, one line each, under the category
/// <c>Worker.&lt;category&gt;</c>, with the function name and invocation id, filtered by host.json's levels as the
/// Functions host filters them. Invocation results are never logged here: they can carry tokens.
/// </summary>
public sealed partial class WorkerLogSink(ILoggerFactory loggers, HostJson hostJson)
{
    private readonly ILoggerFactory _loggers = loggers;

    public void Write(RpcLog log, string? functionName)
    {
        ArgumentNullException.ThrowIfNull(log);
        var level = Map(log.Level);
        if (level == LogLevel.None || level < hostJson.LevelFor(log.Category))
        {
            return;
        }

        var logger = _loggers.CreateLogger("Worker." + log.Category);
        var exception = log.Exception is { } e ? $" [{e.Type}: {e.Message}]" : string.Empty;
        if (string.IsNullOrEmpty(log.InvocationId))
        {
            LogMessage(logger, level, log.Message, exception);
        }
        else
        {
            LogInvocation(logger, level, functionName ?? "?", log.InvocationId, log.Message, exception);
        }
    }

    internal static LogLevel Map(RpcLog.Types.Level level) => level switch
    {
        RpcLog.Types.Level.Trace => LogLevel.Trace,
        RpcLog.Types.Level.Debug => LogLevel.Debug,
        RpcLog.Types.Level.Information => LogLevel.Information,
        RpcLog.Types.Level.Warning => LogLevel.Warning,
        RpcLog.Types.Level.Error => LogLevel.Error,
        RpcLog.Types.Level.Critical => LogLevel.Critical,
        _ => LogLevel.None,
    };

    [LoggerMessage(Message = "{Message}{Exception}")]
    private static partial void LogMessage(ILogger logger, LogLevel level, string message, string exception);

    [LoggerMessage(Message = "[{Function} {InvocationId}] {Message}{Exception}")]
    private static partial void LogInvocation(ILogger logger, LogLevel level, string function, string invocationId, string message, string exception);
}
