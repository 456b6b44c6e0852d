using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GongTongDizao.DevHost.LocalStack;
using GongTongDizao.Testing;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.Core.Tests.Handlers;

[CollectionDefinition(Name)]
public sealed class HandlersCollection : ICollectionFixture<HandlerFixture>
{
    public const string Name = "Handlers";
}

/// <summary>
/// What the handler tests share: the emulators (started as the end-to-end fixtures start them, on the ports of the
/// LocalStack__* variables), an in-process WeChat simulator and the Azure clients. Each test gets its own container
/// of the app's real Core registrations (<see cref="HandlerScope"/>) with its own fake clock and event recorder.
/// </summary>
public sealed class HandlerFixture : IAsyncLifetime
{
    private readonly LocalStackFixture _stack = new();
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string _dataProtectionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WeChatSimulator? _simulator;
    private ServiceProvider? _shared;

    public WeChatSimulator Simulator => _simulator ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where the emulators listen, for tests that use a client of their own.</summary>
    public LocalStackOptions Stack => _stack.Options;

    /// <summary>Azurite's connection string, for tests that use a storage client of their own.</summary>
    public string StorageConnectionString => _stack.Options.StorageConnectionString;

    public async Task InitializeAsync()
    {
        await _stack.InitializeAsync();
        _simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions());
        // Built once for the clients every test's container reuses (a CosmosClient per test would be slow).
        var shared = new ServiceCollection();
        Register(shared);
        _shared = shared.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        await _stack.DisposeAsync();
    }

    /// <summary>The app's Core registrations against the emulators and the simulator, as the worker's settings would give them.</summary>
    internal void Register(IServiceCollection services)
    {
        var options = Simulator.Options;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:Endpoint"] = _stack.Options.CosmosEndpoint.ToString(),
            ["Cosmos:Key"] = LocalStackOptions.CosmosEmulatorKey,
            ["AzureWebJobsStorage"] = _stack.Options.StorageConnectionString,
            ["Auth:SigningKey"] = _signingKey,
            ["Auth:DataProtectionKey"] = _dataProtectionKey,
            ["WeChat:BaseAddress"] = Simulator.BaseAddress.ToString(),
            ["WeChat:AppId"] = options.AppId,
            ["WeChat:AppSecret"] = options.AppSecret,
            ["WeChat:Token"] = options.Token,
            ["WeChat:EncodingAesKey"] = options.EncodingAesKey,
            ["WeChat:PushMode"] = "Safe",
        }).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        if (_shared is not null)
        {
            // Registered first: Core adds its clients with TryAdd, so these are the ones its stores get.
            services.AddSingleton(_shared.GetRequiredService<CosmosClient>());
            services.AddSingleton(_shared.GetRequiredService<QueueServiceClient>());
            services.AddSingleton(_shared.GetRequiredService<BlobServiceClient>());
        }

        services.AddGongTongDizaoCore(configuration);
    }
}
