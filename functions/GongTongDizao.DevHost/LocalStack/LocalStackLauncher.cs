using System.Diagnostics;

namespace GongTongDizao.DevHost.LocalStack;

/// <summary>
/// Starts Azurite and the Cosmos emulator on loopback, or reuses them when they already run (another DevHost,
/// a test run), and fails with a message naming the port when something else holds it.
/// </summary>
public static partial class LocalStackLauncher
{
    public static async Task<LocalStackHandle> EnsureStartedAsync(LocalStackOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = RepoLocator.Find(options.RepoRoot);
        await using var gate = await CrossProcessLock.AcquireAsync($"gongtongdizao-localstack-{options.CosmosPort}-{options.BlobPort}", options.StartTimeout, cancellationToken);
        var started = new List<Process>();
        try
        {
            if (await NeedsAzuriteAsync(options, cancellationToken))
            {
                started.Add(Start(options, root, "azurite.mjs", logger,
                    "--host", options.Host, "--blob-port", $"{options.BlobPort}", "--queue-port", $"{options.QueuePort}", "--table-port", $"{options.TablePort}"));
            }
            else
            {
                LogReused(logger, "Azurite", options.BlobPort);
            }

            if (await NeedsCosmosAsync(options, cancellationToken))
            {
                started.Add(Start(options, root, "cosmos-emulator.mjs", logger, "--host", options.Host, "--port", $"{options.CosmosPort}", "--latency-ms", $"{(int)options.CosmosLatency.TotalMilliseconds}"));
            }
            else
            {
                LogReused(logger, "Cosmos emulator", options.CosmosPort);
            }

            await WaitUntilReadyAsync(options, started, cancellationToken);
            return new LocalStackHandle(options, started);
        }
        catch
        {
            await new LocalStackHandle(options, started).DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> NeedsAzuriteAsync(LocalStackOptions options, CancellationToken cancellationToken)
    {
        var ports = new[] { options.BlobPort, options.QueuePort, options.TablePort };
        var states = new List<PortState>();
        foreach (var port in ports)
        {
            states.Add(await EmulatorProbe.AzuriteAsync(options.Host, port, cancellationToken));
        }

        for (var i = 0; i < ports.Length; i++)
        {
            if (states[i] == PortState.Foreign)
            {
                throw PortTaken(options.Host, ports[i], "Azurite", $"{LocalStackOptions.SectionName}__{(i == 0 ? "BlobPort" : i == 1 ? "QueuePort" : "TablePort")}");
            }
        }

        if (states.All(s => s == PortState.Emulator))
        {
            return false;
        }

        if (states.All(s => s == PortState.Free))
        {
            return true;
        }

        var busy = ports.Where((_, i) => states[i] == PortState.Emulator);
        throw new LocalStackException($"Azurite answers on port(s) {string.Join(", ", busy)} of {options.Host} but not on all of {string.Join(", ", ports)}. Stop that Azurite or give LocalStack the ports it uses.");
    }

    private static async Task<bool> NeedsCosmosAsync(LocalStackOptions options, CancellationToken cancellationToken) =>
        await EmulatorProbe.CosmosAsync(options.Host, options.CosmosPort, cancellationToken) switch
        {
            PortState.Free => true,
            PortState.Emulator => false,
            _ => throw PortTaken(options.Host, options.CosmosPort, "the Cosmos DB emulator", $"{LocalStackOptions.SectionName}__CosmosPort"),
        };

    private static LocalStackException PortTaken(string host, int port, string emulator, string setting) =>
        new($"Port {port} on {host} is in use by another program, not {emulator}. Stop that program, or choose another port with the setting {setting}.");

    private static Process Start(LocalStackOptions options, string root, string script, ILogger logger, params string[] arguments)
    {
        var info = new ProcessStartInfo(options.Node)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(root, "tools", "localstack", script));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add("--parent-pid");
        info.ArgumentList.Add($"{Environment.ProcessId}");
        var process = Process.Start(info) ?? throw new LocalStackException($"Could not start {options.Node} {script}.");
        var output = new ProcessOutput(process);
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ProcessOutputs.Register(process, output);
        LogStarted(logger, script, process.Id);
        return process;
    }

    private static async Task WaitUntilReadyAsync(LocalStackOptions options, List<Process> started, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var process in started.Where(p => p.HasExited))
            {
                throw new LocalStackException($"An emulator exited during start (code {process.ExitCode}): {ProcessOutputs.Tail(process)}");
            }

            var blob = await EmulatorProbe.AzuriteAsync(options.Host, options.BlobPort, cancellationToken);
            var queue = await EmulatorProbe.AzuriteAsync(options.Host, options.QueuePort, cancellationToken);
            var cosmos = await EmulatorProbe.CosmosAsync(options.Host, options.CosmosPort, cancellationToken);
            if (blob == PortState.Emulator && queue == PortState.Emulator && cosmos == PortState.Emulator)
            {
                return;
            }

            if (deadline.Elapsed > options.StartTimeout)
            {
                throw new LocalStackException($"The emulators did not answer within {options.StartTimeout.TotalSeconds:0} s (Azurite blob: {blob}, queue: {queue}, Cosmos: {cosmos}).");
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reusing the running {Emulator} on port {Port}")]
    private static partial void LogReused(ILogger logger, string emulator, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Script} (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string script, int pid);
}
