using Microsoft.Azure.WebJobs.Host;

// IJobHostMetadataProvider is marked obsolete ("not ready for public consumption"); it is what the Functions host itself
// uses to turn binding JSON into attributes, and the SDK line is frozen (3.0.x).
#pragma warning disable CS0618

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Runs queue and timer triggers on Microsoft's own WebJobs listeners, as the Functions host does: the Storage
/// Queues extension polls, retries, honours host.json's <c>extensions.queues</c> and moves a message to
/// <c>&lt;queue&gt;-poison</c>; the timer extension evaluates NCRONTAB schedules. Every firing goes to the
/// <see cref="ITriggerInvoker"/>. Several hosts may run in one process; each has its own job host.
/// </summary>
public sealed partial class TriggerHost : IAsyncDisposable
{
    private static readonly TimeSpan s_maxRestartDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_disposeStopTimeout = TimeSpan.FromSeconds(10);

    private readonly string _key = Guid.NewGuid().ToString("N");
    private readonly IReadOnlyList<TriggerBinding> _bindings;
    private readonly TriggerHostOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly InMemoryScheduleMonitor _scheduleMonitor = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _emitLock = new();
    private TriggerRegistration? _registration;
    private Type? _functionsType;
    private IHost? _jobHost;
    private Task _restart = Task.CompletedTask;
    private int _restartPending;
    private int _stopped;

    private TriggerHost(IReadOnlyList<TriggerBinding> bindings, TriggerHostOptions options, ILoggerFactory loggers)
    {
        _bindings = bindings;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<TriggerHost>();
    }

    /// <summary>How many times the listeners were restarted after an unhandled listener error (a storage outage, say).</summary>
    public int Restarts { get; private set; }

    /// <summary>Creates the trigger queues and their poison queues, then starts listening.</summary>
    public static async Task<TriggerHost> StartAsync(IEnumerable<TriggerFunction> functions, TriggerHostOptions options, ITriggerInvoker invoker, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(loggers);
        var bindings = functions.Select(f => TriggerBinding.Parse(f, options.Settings)).ToList();
        var duplicate = bindings.GroupBy(b => b.Function.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two trigger functions are named '{duplicate.Key}'.", nameof(functions));
        }

        var host = new TriggerHost(bindings, options, loggers);
        host._registration = new TriggerRegistration(bindings, invoker, options.Time);
        TriggerDispatcher.Register(host._key, host._registration);
        try
        {
            await host.StartJobHostAsync(cancellationToken);
        }
        catch
        {
            TriggerDispatcher.Unregister(host._key);
            throw;
        }

        return host;
    }

    /// <summary>
    /// Stops listening and waits for running invocations (their cancellation token is signalled). A message whose
    /// invocation did not complete becomes visible again after its visibility timeout.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _lifetime.CancelAsync();
        try
        {
            await _restart;
        }
        catch (OperationCanceledException)
        {
            // The restart was abandoned.
        }

        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await StopJobHostAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            await (_registration?.CloseAsync() ?? Task.CompletedTask).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller stopped waiting; what still runs finishes on its own, and nothing new starts.
        }

        LogStopped(_logger, _bindings.Count);
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(s_disposeStopTimeout))
        {
            await StopAsync(timeout.Token);
        }

        TriggerDispatcher.Unregister(_key);
        _gate.Dispose();
        _lifetime.Dispose();
    }

    private async Task StartJobHostAsync(CancellationToken cancellationToken)
    {
        if (_bindings.Count == 0)
        {
            return;
        }

        await TriggerJobHost.EnsureQueuesAsync(_bindings, _options.StorageConnectionString, cancellationToken);
        var host = TriggerJobHost.Build(_bindings, _options, _loggers, new TriggerJobHost.Hooks(EmitFunctionsType, _scheduleMonitor, OnListenerFailure));
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        _jobHost = host;
        LogStarted(_logger, _bindings.Count(b => b.Kind == TriggerKind.Queue), _bindings.Count(b => b.Kind == TriggerKind.Timer),
            string.Join(", ", _bindings.Where(b => b.QueueName is not null).Select(b => b.QueueName)));
    }

    private async Task StopJobHostAsync(CancellationToken cancellationToken)
    {
        var host = _jobHost;
        _jobHost = null;
        if (host is null)
        {
            return;
        }

        try
        {
            await host.StopAsync(cancellationToken);
        }
        finally
        {
            host.Dispose();
        }
    }

    private Type EmitFunctionsType(IJobHostMetadataProvider metadata)
    {
        lock (_emitLock)
        {
            return _functionsType ??= TriggerTypeEmitter.Emit(_key, _bindings, metadata, _options.TimerInterval);
        }
    }

    private void OnListenerFailure(Exception exception)
    {
        LogListenerFailed(_logger, exception);
        if (_lifetime.IsCancellationRequested || Interlocked.Exchange(ref _restartPending, 1) == 1)
        {
            return;
        }

        _restart = Task.Run(() => RestartAsync(_lifetime.Token));
    }

    private async Task RestartAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await StopJobHostAsync(cancellationToken);
                await StartJobHostAsync(cancellationToken);
                Restarts++;
                Volatile.Write(ref _restartPending, 0);
                LogRestarted(_logger, Restarts);
                return;
            }
            catch (Exception ex)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return; // stopping: whatever failed while stopping no longer matters
                }

                LogRestartFailed(_logger, ex, delay.TotalSeconds);
            }
            finally
            {
                _gate.Release();
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxRestartDelay.Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Triggers listening: {QueueFunctions} queue function(s) on [{Queues}], {TimerFunctions} timer(s)")]
    private static partial void LogStarted(ILogger logger, int queueFunctions, int timerFunctions, string queues);

    [LoggerMessage(Level = LogLevel.Information, Message = "Triggers stopped ({Functions} function(s))")]
    private static partial void LogStopped(ILogger logger, int functions);

    [LoggerMessage(Level = LogLevel.Error, Message = "A trigger listener failed; restarting the triggers")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Triggers restarted (restart {Restarts})")]
    private static partial void LogRestarted(ILogger logger, int restarts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restarting the triggers failed; trying again in {DelaySeconds} s")]
    private static partial void LogRestartFailed(ILogger logger, Exception exception, double delaySeconds);
}
