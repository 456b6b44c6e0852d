using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.Functions.Features.Health;
using GongTongDizao.Testing;
using GongTongDizao.WeChat;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace GongTongDizao.Functions.Tests;

/// <summary>
/// A Functions instance that calls Cosmos, Storage, WeChat or Entra ID while it starts is slow to scale out and
/// fails to start when one of them is down. The worker's services are built as Program.cs builds them, with each
/// endpoint pointed at its own listener that records every connection, in both forms: account keys (local) and a
/// managed identity (Azure, keys disabled).
/// </summary>
public sealed class StartUpNetworkTests(ITestOutputHelper output)
{
    private const string AzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Starting_the_host_opens_no_connection_and_asks_for_no_token(bool managedIdentity)
    {
        await using var app = await App.StartAsync(managedIdentity);
        var atStart = (app.Connections, Scopes: app.Credential.Scopes.Count);

        // The sentinel: the test now creates the app's CosmosClient, whose account read starts in the background as
        // start-up work would. Once it has reached its listener, work begun while the host started would have too.
        await app.AwaitSentinelAccountReadAsync();

        Assert.True(atStart.Connections == 0 && atStart.Scopes == 0, app.Describe());
        Assert.True(app.Storage.Accepted == 0 && app.WeChat.Accepted == 0, app.Describe());
        Assert.All(app.Cosmos.Seen, request => Assert.StartsWith("GET / HTTP/1.1", request, StringComparison.Ordinal));
        // Only the sentinel's own token (managed identity) or none (keys).
        Assert.All(app.Credential.Scopes, scope => Assert.Equal("https://127.0.0.1/.default", scope));
        Assert.True(managedIdentity || app.Credential.Scopes.Count == 0, app.Describe());
    }

    /// <summary>
    /// What the first invocations do: every function class and every singleton is created. The only traffic allowed
    /// is the Cosmos SDK's own account read, which a CosmosClient starts in the background when it is constructed
    /// (its metadata is what the first query needs anyway). No container creation, no query, no queue or blob
    /// call, no WeChat access-token prefetch.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Creating_every_function_and_singleton_calls_nothing_but_the_Cosmos_account_read(bool managedIdentity)
    {
        await using var app = await App.StartAsync(managedIdentity);

        var created = await app.CreateEverythingAsync();
        // The one call allowed, started in the background when the CosmosClient was created, is the sentinel: once
        // it has arrived, calls begun in the background by the other singletons would have too.
        await app.AwaitSentinelAccountReadAsync();
        output.WriteLine($"{created} objects created; calls seen: {app.Describe()}");

        Assert.True(created > 20, $"Only {created} services and functions were created.");
        Assert.True(app.Storage.Accepted == 0 && app.WeChat.Accepted == 0, app.Describe());
        Assert.All(app.Cosmos.Seen, request => Assert.StartsWith("GET / HTTP/1.1", request, StringComparison.Ordinal));
        // With the managed identity, the account read asks for a Cosmos token and nothing else does (no Storage scope).
        Assert.All(app.Credential.Scopes, scope => Assert.Equal("https://127.0.0.1/.default", scope));
    }

    [Fact]
    public async Task The_listener_records_a_connection_and_its_request_line()
    {
        using var listener = new RecordingListener();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        await Assert.ThrowsAnyAsync<Exception>(() => http.GetAsync(new Uri(listener.Http, "cgi-bin/stable_token")));

        // The handler retries an idempotent request whose connection closed unanswered, so there may be several.
        Assert.InRange(listener.Accepted, 1, 10);
        Assert.All(listener.Seen, request => Assert.StartsWith("GET /cgi-bin/stable_token HTTP/1.1", request, StringComparison.Ordinal));
        Assert.Equal(listener.Accepted, listener.Seen.Count);
    }

    /// <summary>The worker's services on a started host, every endpoint a listener of its own.</summary>
    private sealed class App : IAsyncDisposable
    {
        private readonly IHost _host;
        private readonly IServiceCollection _services;

        private App(IHost host, IServiceCollection services, RecordingListener cosmos, RecordingListener storage, RecordingListener wechat, CountingCredential credential)
        {
            _host = host;
            _services = services;
            Cosmos = cosmos;
            Storage = storage;
            WeChat = wechat;
            Credential = credential;
        }

        public RecordingListener Cosmos { get; }

        public RecordingListener Storage { get; }

        public RecordingListener WeChat { get; }

        /// <summary>Stands in for the managed identity; with account keys nothing should ask it either.</summary>
        public CountingCredential Credential { get; }

        public int Connections => Cosmos.Accepted + Storage.Accepted + WeChat.Accepted;

        public static async Task<App> StartAsync(bool managedIdentity)
        {
            var cosmos = new RecordingListener();
            var storage = new RecordingListener();
            var wechat = new RecordingListener();
            var credential = new CountingCredential();
            var settings = new Dictionary<string, string?>
            {
                // Plain HTTP so the listener can read what the Cosmos SDK asks for (the SDK does not insist on TLS).
                ["Cosmos:Endpoint"] = cosmos.Http.ToString(),
                ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Auth:DataProtectionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["WeChat:BaseAddress"] = wechat.Http.ToString(),
                ["WeChat:AppId"] = "wx5a1e0c0de0000001",
                ["WeChat:AppSecret"] = "start-up-test-secret",
                ["WeChat:Token"] = "StartUpTestToken",
                ["WeChat:EncodingAesKey"] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            };
            if (managedIdentity)
            {
                // The Azure form: no keys, Storage by service URI (HTTPS, as bearer tokens require).
                settings["ManagedIdentity:ClientId"] = Guid.NewGuid().ToString();
                settings["AzureWebJobsStorage:queueServiceUri"] = $"https://127.0.0.1:{storage.Port}/devstoreaccount1";
                settings["AzureWebJobsStorage:blobServiceUri"] = $"https://127.0.0.1:{storage.Port}/devstoreaccount1";
            }
            else
            {
                settings["Cosmos:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
                settings["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteKey};" +
                    $"BlobEndpoint={storage.Http}devstoreaccount1;QueueEndpoint={storage.Http}devstoreaccount1;";
            }

            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddLogging();
            // Registered first: the app adds its own credential with TryAdd, so every Azure client gets this one.
            builder.Services.AddSingleton<TokenCredential>(credential);
            builder.Services.AddGongTongDizaoFunctions(builder.Configuration);
            var host = builder.Build();
            // Runs the hosted services and the ValidateOnStart option checks, as the worker does before its first invocation.
            await host.StartAsync();
            return new App(host, builder.Services, cosmos, storage, wechat, credential);
        }

        /// <summary>Creates every function class of functions.metadata and every singleton; returns how many objects.</summary>
        public async Task<int> CreateEverythingAsync()
        {
            var created = 0;
            foreach (var type in _services.Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.IsKeyedService && !d.ServiceType.IsGenericTypeDefinition)
                         .Select(d => d.ServiceType).Distinct())
            {
                created += _host.Services.GetServices(type).Count();
            }

            // Entry points read "Namespace.Class.Method"; the class is what the worker creates per invocation.
            var functions = FunctionApp.Locate(null).ReadMetadataFile()
                .Select(f => typeof(HealthFunction).Assembly.GetType(f.EntryPoint[..f.EntryPoint.LastIndexOf('.')], throwOnError: true)!)
                .Where(t => !(t.IsAbstract && t.IsSealed)).Distinct().ToList();
            Assert.NotEmpty(functions);
            await using (var scope = _host.Services.CreateAsyncScope())
            {
                foreach (var type in functions)
                {
                    Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
                    created++;
                }
            }

            // The clients really point at the listeners, so a call would have been recorded.
            Assert.Equal(Cosmos.Port, _host.Services.GetRequiredService<CosmosClient>().Endpoint.Port);
            Assert.Equal(Storage.Port, _host.Services.GetRequiredService<QueueServiceClient>().Uri.Port);
            Assert.Equal(Storage.Port, _host.Services.GetRequiredService<BlobServiceClient>().Uri.Port);
            Assert.Equal(WeChat.Port, _host.Services.GetRequiredService<IOptions<WeChatClientOptions>>().Value.BaseAddress.Port);
            return created;
        }

        /// <summary>Creates the app's CosmosClient (if nothing has yet) and waits until its account read reached the listener.</summary>
        public async Task AwaitSentinelAccountReadAsync()
        {
            Assert.NotNull(_host.Services.GetRequiredService<CosmosClient>());
            await Eventually.TrueAsync(() => Cosmos.Seen.Any(r => r.StartsWith("GET / HTTP/1.1", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the Cosmos account read");
        }

        public string Describe() =>
            $"Cosmos: [{string.Join("; ", Cosmos.Seen)}] Storage: [{string.Join("; ", Storage.Seen)}] WeChat: [{string.Join("; ", WeChat.Seen)}] tokens: [{string.Join("; ", Credential.Scopes)}]";

        public async ValueTask DisposeAsync()
        {
            await _host.StopAsync();
            _host.Dispose();
            Cosmos.Dispose();
            Storage.Dispose();
            WeChat.Dispose();
        }
    }

    /// <summary>Accepts every connection on a loopback port and records its first line (TLS shows as a handshake), then closes it.</summary>
    private sealed class RecordingListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentQueue<string> _seen = new();
        private readonly CancellationTokenSource _stopped = new();
        private int _accepted;

        public RecordingListener()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }

        public Uri Http => new($"http://127.0.0.1:{Port}/");

        public int Accepted => Volatile.Read(ref _accepted);

        public IReadOnlyCollection<string> Seen => [.. _seen];

        public void Dispose()
        {
            _stopped.Cancel();
            _listener.Stop();
            _stopped.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync();
                    Interlocked.Increment(ref _accepted);
                    _ = RecordAsync(socket);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task RecordAsync(Socket socket)
        {
            using (socket)
            {
                var buffer = new byte[1024];
                // A client that connects writes its request at once, but on a loaded machine (CI) "at once" has taken over a
                // second; waiting until the listener is disposed records what it sends rather than a timing artefact.
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopped.Token);
                    timeout.CancelAfter(TimeSpan.FromSeconds(30));
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                    _seen.Enqueue(read == 0 ? "connected, sent nothing" : buffer[0] == 0x16 ? "TLS handshake" : Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0].Trim());
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    _seen.Enqueue("connected, sent nothing");
                }
            }
        }
    }

    private sealed class CountingCredential : TokenCredential
    {
        private readonly ConcurrentQueue<string> _scopes = new();

        public IReadOnlyCollection<string> Scopes => [.. _scopes];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            _scopes.Enqueue(string.Join(" ", requestContext.Scopes));
            // Never expires, so nothing here depends on the clock.
            return new AccessToken("start-up-test", DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
