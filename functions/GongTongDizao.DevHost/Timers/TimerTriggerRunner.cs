using System.Reflection;
using GongTongDizao.DevHost.Metadata;
using Microsoft.Azure.Functions.Worker;

namespace GongTongDizao.DevHost.Timers;

/// <summary>
/// Runs a timer-trigger function at a fixed interval (DevHost:TimerInterval) instead of evaluating its NCRONTAB
/// schedule: locally what matters is that it runs, not on which second.
/// </summary>
public sealed partial class TimerTriggerRunner(FunctionDescriptor function, TimeSpan interval, IServiceScopeFactory scopes, ILogger<TimerTriggerRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(interval);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var target = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!);
                var arguments = function.Method.GetParameters()
                    .Select(p => p.ParameterType == typeof(CancellationToken) ? stoppingToken : p.ParameterType == typeof(TimerInfo) ? new TimerInfo() : (object?)null)
                    .ToArray();
                if (function.Method.Invoke(target, arguments) is Task task)
                {
                    await task;
                }
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.InnerException, function.Name);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, function.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer function {Function} failed; it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
