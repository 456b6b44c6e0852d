using GongTongDizao.DevHost.LocalStack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace GongTongDizao.Testing;

/// <summary>
/// Azurite and the Cosmos emulator on the ports of the "LocalStack" section (environment variables such as
/// <c>LocalStack__CosmosPort</c>, as the DevHost reads them; the defaults otherwise): reused when running, started
/// otherwise, then given the database, containers, queues and blob containers of infra/data-plane.json.
/// </summary>
public sealed class LocalStackFixture : IAsyncLifetime
{
    private LocalStackHandle? _handle;

    public LocalStackFixture()
    {
        new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(LocalStackOptions.SectionName).Bind(Options);
        Options.StopWithProcess = true;
    }

    public LocalStackOptions Options { get; } = new();

    public async Task InitializeAsync()
    {
        _handle = await LocalStackLauncher.EnsureStartedAsync(Options, NullLogger.Instance, CancellationToken.None);
        await DataPlaneProvisioner.EnsureAsync(Options.CosmosEndpoint, LocalStackOptions.CosmosEmulatorKey, Options.StorageConnectionString, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.DisposeAsync();
        }
    }
}
