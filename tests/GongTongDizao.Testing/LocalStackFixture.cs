using GongTongDizao.DevHost.LocalStack;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongTongDizao.Testing;

/// <summary>Azurite and the Cosmos emulator on their default loopback ports: reused when running, started otherwise.</summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    private LocalStackHandle? _handle;

    public LocalStackOptions Options { get; } = new() { StopWithProcess = true };

    public async Task InitializeAsync() =>
        _handle = await LocalStackLauncher.EnsureStartedAsync(Options, NullLogger.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.DisposeAsync();
        }
    }
}
