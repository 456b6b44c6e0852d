using GongTongDizao.DevHost.LocalStack;

namespace GongTongDizao.DevHost;

/// <summary>Starts (or reuses) the emulators, prints a ready line, and holds them until SIGINT/SIGTERM.</summary>
internal static class EmulatorsOnly
{
    public const string ReadyLine = "Local stack ready";

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args.Where(a => a != "--emulators-only").ToArray())
            .Build();
        var options = configuration.GetSection(LocalStackOptions.SectionName).Get<LocalStackOptions>() ?? new LocalStackOptions();
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(c => c.SingleLine = true));
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        await using var stack = await LocalStackLauncher.EnsureStartedAsync(options, loggers.CreateLogger("LocalStack"), stop.Token);
        Console.WriteLine($"{ReadyLine}: Cosmos {options.CosmosEndpoint}, Azurite blob {options.BlobPort} queue {options.QueuePort}");
        await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        return 0;
    }
}
