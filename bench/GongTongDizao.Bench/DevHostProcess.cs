using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace GongTongDizao.Bench;

/// <summary>
/// The DevHost as a child process on a free loopback port, against emulators that are already running
/// (bench.sh starts them), so its working set and start-up time are its own and not the benchmark's.
/// </summary>
internal sealed class DevHostProcess : IAsyncDisposable
{
    public const string FunctionKey = "bench-function-key";
    public const string MasterKey = "bench-master-key";

    private readonly Process _process;

    private DevHostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Time from process start to the first 200 from /api/health.</summary>
    public TimeSpan StartUpTime { get; private set; }

    /// <summary>Starts the DevHost and waits for /api/health; extra arguments are configuration overrides (--Section:Key=value).</summary>
    public static async Task<DevHostProcess> StartAsync(BenchOptions options, params string[] extraArguments)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(options.DevHostDll)!,
        };
        foreach (var argument in new[]
                 {
                     options.DevHostDll, $"--urls=http://127.0.0.1:{port}", $"--DevHost:FunctionKey={FunctionKey}",
                     $"--DevHost:MasterKey={MasterKey}", "--Logging:LogLevel:Default=Warning",
                 }.Concat(extraArguments).Concat(DiagnosticArguments()))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LocalStack__RepoRoot"] = options.RepoRoot;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        // BENCH_DEVHOST_LOG=<file> keeps the host's output (with BENCH_DEVHOST_ARGS, e.g. the store-call log switched on)
        // to see where a part's time goes; the measured figures are taken without it.
        var log = Environment.GetEnvironmentVariable("BENCH_DEVHOST_LOG") is { Length: > 0 } logPath ? new StreamWriter(logPath, append: true) { AutoFlush = true } : null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && log is not null)
            {
                lock (log)
                {
                    log.WriteLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"[devhost] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new DevHostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The DevHost exited with code {process.ExitCode} before it was healthy.");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("api/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    host.StartUpTime = clock.Elapsed;
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but still starting.
            }

            await Task.Delay(20);
        }

        await host.DisposeAsync();
        throw new TimeoutException("The DevHost did not answer /api/health within 3 minutes.");
    }

    private static string[] DiagnosticArguments() =>
        Environment.GetEnvironmentVariable("BENCH_DEVHOST_ARGS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Peak resident set size of the worker, where the app runs, so far (VmHWM), in bytes.</summary>
    public long PeakWorkingSet() => ReadStatus(WorkerProcessId(), "VmHWM:");

    /// <summary>Current resident set size of the worker (VmRSS), in bytes.</summary>
    public long WorkingSet() => ReadStatus(WorkerProcessId(), "VmRSS:");

    /// <summary>Peak resident set size of the host process itself (routing, forwarding, queue listeners).</summary>
    public long HostPeakWorkingSet() => ReadStatus(_process.Id, "VmHWM:");

    /// <summary>The Functions worker this host started: a descendant whose command line names the app's assembly.</summary>
    public int WorkerProcessId()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && IsDescendant(pid)
                && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("--functions-worker-id", StringComparison.Ordinal)
                && !File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("worker-watchdog", StringComparison.Ordinal))
            {
                return pid;
            }
        }

        throw new InvalidOperationException("The host has no worker process.");
    }

    public HttpClient CreateClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(100),
    };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private bool IsDescendant(int pid)
    {
        try
        {
            for (var current = pid; current > 1;)
            {
                // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText($"/proc/{current}/stat");
                current = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (current == _process.Id)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            // The process ended while we looked.
        }

        return false;
    }

    private static long ReadStatus(int pid, string field)
    {
        // Linux only, like the machines this runs on; the process's own peak, kept by the kernel.
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
