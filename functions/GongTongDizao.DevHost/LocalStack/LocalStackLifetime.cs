
namespace GongTongDizao.DevHost.LocalStack;

/// <summary>Stops the emulators this DevHost started when the DevHost stops (Ctrl+C).</summary>
internal sealed class LocalStackLifetime(LocalStackHandle handle) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await handle.DisposeAsync();
}
