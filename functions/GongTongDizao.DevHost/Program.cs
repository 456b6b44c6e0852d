using GongTongDizao.DevHost;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.LocalStack;

try
{
    if (args.Contains("--emulators-only"))
    {
        // Used by ./test.sh: one set of emulators for every test process, stopped when this process ends.
        return await EmulatorsOnly.RunAsync(args);
    }

    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    await using var host = await LocalFunctionsHost.StartAsync(args, cancellationToken: stop.Token);
    Console.WriteLine($"共同缔造 local Functions host is ready: {host.BaseAddress}api  (the app runs on the real isolated worker; try: curl {host.BaseAddress}api/health ; Ctrl+C stops it, the worker and the emulators it started)");
    await host.WaitForShutdownAsync(stop.Token);
    return 0;
}
catch (Exception ex) when (ex is FunctionMetadataException or LocalStackException or WorkerStartException)
{
    Console.Error.WriteLine($"The local Functions host cannot start: {ex.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    return 130;
}
