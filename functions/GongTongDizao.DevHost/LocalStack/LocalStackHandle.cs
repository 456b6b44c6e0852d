using System.Diagnostics;

namespace GongTongDizao.DevHost.LocalStack;

/// <summary>The running emulators; disposing stops only those this process started.</summary>
public sealed class LocalStackHandle(LocalStackOptions options, IReadOnlyList<Process> started) : IAsyncDisposable
{
    public LocalStackOptions Options { get; } = options;

    public bool StartedAny => started.Count > 0;

    public async ValueTask DisposeAsync()
    {
        if (Options.StopWithProcess)
        {
            return;
        }

        foreach (var process in started)
        {
            try
            {
                if (!process.HasExited)
                {
                    // The whole tree: the Azurite wrapper has Azurite itself as a child.
                    process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await process.WaitForExitAsync(wait.Token);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                // Already gone, or refusing to die: the --parent-pid watchdog in the script ends it when we exit.
            }
            finally
            {
                process.Dispose();
            }
        }
    }
}
