using System.Diagnostics;
using GongTongDizao.DevHost.Functions;

namespace GongTongDizao.DevHost.Worker;

/// <summary>
/// The worker as a child process with the command line and environment the Functions host gives it. A small
/// shell watchdog sits between this host and the worker, because the worker does not exit when its host dies:
/// if this process is killed, the watchdog kills the worker.
/// </summary>
public sealed partial class WorkerProcess : IDisposable
{
    // $1: this host's pid; the rest: the worker's command line. TERM/INT reach the worker; the watchdog's exit code
    // is the worker's.
    private const string WatchdogScript = """
        host=$1; shift
        "$@" &
        worker=$!
        trap 'kill -TERM $worker 2>/dev/null' TERM INT
        ( while kill -0 $host 2>/dev/null && kill -0 $worker 2>/dev/null; do sleep 1; done; kill -KILL $worker 2>/dev/null ) &
        guard=$!
        status=0
        while kill -0 $worker 2>/dev/null; do wait $worker; status=$?; done
        kill $guard 2>/dev/null
        exit $status
        """;

    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly ILogger _logger;

    private WorkerProcess(Process process, string workerId, ILogger logger)
    {
        _process = process;
        WorkerId = workerId;
        _logger = logger;
    }

    public string WorkerId { get; }

    public int WatchdogProcessId => _process.Id;

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int ExitCode => HasExited ? _process.ExitCode : -1;

    /// <summary>The last lines the worker wrote to stderr (where an unhandled start-up exception goes).</summary>
    public IReadOnlyList<string> StandardError
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    public static WorkerProcess Start(FunctionApp app, Uri grpcUri, IReadOnlyDictionary<string, string> appSettings, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(grpcUri);
        ArgumentNullException.ThrowIfNull(appSettings);
        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = app.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-c", WatchdogScript, "worker-watchdog", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "dotnet", app.EntryAssembly,
            "--functions-uri", grpcUri.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        WorkerEnvironment.Apply(start.Environment, app, appSettings);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, workerId, logger);
        process.ErrorDataReceived += (_, e) => worker.OnStandardError(e.Data);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                LogStdout(logger, e.Data);
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return worker;
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    /// <summary>The worker process itself (the watchdog's child), found through /proc; null once it has gone.</summary>
    public int? FindWorkerProcessId()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == _process.Id)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline"));
                if (commandLine.Contains(WorkerId, StringComparison.Ordinal) && !commandLine.Contains("worker-watchdog", StringComparison.Ordinal))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    /// <summary>Ends the worker and its watchdog at once (used after the grace period, or when start-up failed).</summary>
    public void Kill()
    {
        try
        {
            if (!HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void OnStandardError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.Add(line);
            if (_stderr.Count > 200)
            {
                _stderr.RemoveAt(0);
            }
        }

        LogStderr(_logger, line);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "worker stdout: {Line}")]
    private static partial void LogStdout(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "worker stderr: {Line}")]
    private static partial void LogStderr(ILogger logger, string line);
}
