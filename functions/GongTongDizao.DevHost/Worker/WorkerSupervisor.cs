using System.Collections.Concurrent;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Rpc;
using Grpc.Core;

namespace GongTongDizao.DevHost.Worker;

/// <summary>
/// Keeps one worker running: starts it, completes the handshake, and when it exits restarts it with back-off,
/// printing why a start failed. <see cref="GetReadyAsync"/> hands out the connected worker.
/// </summary>
public sealed partial class WorkerSupervisor(
    FunctionApp app,
    WorkerSettings settings,
    WorkerLogSink logs,
    TimeProvider time,
    ILogger<WorkerSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_gracePeriod = TimeSpan.FromSeconds(5);
    private static readonly string s_hostVersion = typeof(WorkerSupervisor).Assembly.GetName().Version?.ToString() ?? "1.0.0";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<WorkerChannel>> _connecting = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<WorkerChannel> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WorkerProcess? _process;
    private volatile bool _stopping;

    /// <summary>Where the worker connects; set by the gRPC server before this service starts.</summary>
    public Uri? GrpcUri { get; set; }

    public int Starts { get; private set; }

    /// <summary>Raised when a start fails, with the reason as printed.</summary>
    public event Action<string>? StartFailed;

    /// <summary>Raised after each successful handshake, with the functions that worker loaded.</summary>
    public event Action<WorkerChannel>? Ready;

    /// <summary>The current worker process, for tests that kill it.</summary>
    public WorkerProcess? Process => _process;

    /// <summary>Completes after the first worker has loaded its functions; fails if the host stops first.</summary>
    public Task FirstReady => _firstReady.Task;

    /// <summary>The connected worker, waiting for a (re)start to finish for at most <paramref name="wait"/>.</summary>
    public async Task<WorkerChannel> GetReadyAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            return await Volatile.Read(ref _ready).Task.WaitAsync(wait, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new WorkerUnavailableException("The Functions worker is (re)starting.", ex);
        }
    }

    internal WorkerChannel? Accept(string workerId, IServerStreamWriter<StreamingMessage> writer)
    {
        if (!_connecting.TryRemove(workerId, out var connecting))
        {
            return null;
        }

        var channel = new WorkerChannel(workerId, writer, logs);
        connecting.TrySetResult(channel);
        return channel;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested && !_stopping)
        {
            var started = time.GetTimestamp();
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (WorkerUnavailableException ex)
            {
                LogStartFailed(logger, ex.Message);
                StartFailed?.Invoke(ex.Message);
            }

            if (stoppingToken.IsCancellationRequested || _stopping)
            {
                break;
            }

            // A worker that ran for a while gets a quick restart; one that keeps failing waits longer each time.
            backoff = time.GetElapsedTime(started) > TimeSpan.FromMinutes(1) ? TimeSpan.FromSeconds(1) : backoff;
            LogRestarting(logger, backoff.TotalSeconds);
            await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
        }

        _firstReady.TrySetCanceled(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var process = _process;
        if (process is not null && !process.HasExited && _ready.Task.IsCompletedSuccessfully)
        {
            try
            {
                // The worker exits 0 on WorkerTerminate; the grace period bounds how long we wait for it.
                await _ready.Task.Result.TerminateAsync(s_gracePeriod, cancellationToken);
                await process.WaitForExitAsync(cancellationToken).WaitAsync(s_gracePeriod, cancellationToken);
            }
            catch (Exception ex) when (ex is WorkerUnavailableException or TimeoutException or OperationCanceledException)
            {
                // Killed below.
            }
        }

        process?.Kill();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _process?.Dispose();
        base.Dispose();
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var grpcUri = GrpcUri ?? throw new InvalidOperationException("The gRPC server has not started.");
        using var process = WorkerProcess.Start(app, grpcUri, settings.Values, logger);
        var connecting = _connecting.GetOrAdd(process.WorkerId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        _process = process;
        Starts++;
        try
        {
            var exited = process.WaitForExitAsync(stoppingToken);
            var first = await Task.WhenAny(connecting.Task, exited, Task.Delay(s_connectTimeout, stoppingToken));
            stoppingToken.ThrowIfCancellationRequested();
            if (first != connecting.Task)
            {
                throw new WorkerUnavailableException(process.HasExited
                    ? $"The Functions worker exited with code {process.ExitCode} before it connected:{Environment.NewLine}{string.Join(Environment.NewLine, process.StandardError.TakeLast(30))}"
                    : $"The Functions worker did not connect within {s_connectTimeout.TotalSeconds} s.");
            }

            var channel = connecting.Task.Result;
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                handshake.CancelAfter(s_connectTimeout);
                await channel.HandshakeAsync(app, s_hostVersion, handshake.Token);
            }

            LogReady(logger, channel.Functions.Count, channel.HttpUri?.ToString() ?? "none");
            Volatile.Read(ref _ready).TrySetResult(channel);
            Ready?.Invoke(channel);
            _firstReady.TrySetResult();

            await Task.WhenAny(exited, channel.Closed);
            if (_stopping)
            {
                return;
            }

            Interlocked.Exchange(ref _ready, new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously));
            channel.Close(new WorkerUnavailableException("The Functions worker exited."));
            await exited.WaitAsync(s_gracePeriod, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            LogExited(logger, process.HasExited ? process.ExitCode : -1, string.Join(" | ", process.StandardError.TakeLast(5)));
        }
        finally
        {
            _connecting.TryRemove(process.WorkerId, out _);
            if (!Volatile.Read(ref _ready).Task.IsCompleted || stoppingToken.IsCancellationRequested)
            {
                process.Kill();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Functions worker ready: {Count} functions loaded, HTTP at {HttpUri}")]
    private static partial void LogReady(ILogger logger, int count, string httpUri);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reason}")]
    private static partial void LogStartFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Functions worker exited (code {ExitCode}) {Stderr}")]
    private static partial void LogExited(ILogger logger, int exitCode, string stderr);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Restarting the Functions worker in {Seconds} s")]
    private static partial void LogRestarting(ILogger logger, double seconds);
}
