using GongTongDizao.Core.Tests.Handlers;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Tests.Storage;

/// <summary>
/// A container of its own on the local Cosmos emulator, reached through the real SDK in gateway mode over the network,
/// for the tests of what the emulator itself answers (<c>tools/localstack</c>).
/// </summary>
public abstract class EmulatorContainerTests(HandlerFixture fixture, string name) : IAsyncLifetime
{
    private CosmosClient? _client;
    private Container? _container;

    protected Container Items => _container ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _client = Client(bulk: false);
        var database = (await _client.CreateDatabaseIfNotExistsAsync(StoreNames.Database)).Database;
        _container = (await database.CreateContainerIfNotExistsAsync(name, "/pk")).Container;
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Another client of the same emulator, e.g. one in bulk mode; the caller disposes it.</summary>
    protected CosmosClient Client(bool bulk) => new(fixture.Stack.CosmosEndpoint.ToString(), DevHost.LocalStack.LocalStackOptions.CosmosEmulatorKey, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        AllowBulkExecution = bulk,
        UseSystemTextJsonSerializerWithOptions = System.Text.Json.JsonSerializerOptions.Default,
        HttpClientFactory = () => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }),
    });
}
