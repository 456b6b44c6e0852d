using System.Globalization;
using GongTongDizao.Core.Common;
using GongTongDizao.DevHost.LocalStack;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Bench;

/// <summary>
/// The emulators a benchmark talks to directly. Ports are LocalStack's defaults unless the <c>LocalStack__*Port</c>
/// variables say otherwise; the DevHost child inherits this environment, so both use the same stack. A private stack
/// on other ports keeps a run apart from test hosts that poll the shared queues.
/// </summary>
internal static class BenchEmulators
{
    public static LocalStackOptions Options()
    {
        var options = new LocalStackOptions();
        options.CosmosPort = Port("CosmosPort") ?? options.CosmosPort;
        options.BlobPort = Port("BlobPort") ?? options.BlobPort;
        options.QueuePort = Port("QueuePort") ?? options.QueuePort;
        options.TablePort = Port("TablePort") ?? options.TablePort;
        return options;
    }

    /// <summary>A client that reads and writes the product's documents as the product does (its JSON conventions).</summary>
    public static CosmosClient Cosmos(bool bulk) => new(Options().CosmosEndpoint.ToString(), LocalStackOptions.CosmosEmulatorKey, new CosmosClientOptions
    {
        UseSystemTextJsonSerializerWithOptions = JsonDefaults.Options,
        AllowBulkExecution = bulk,
        // As the app's loopback client (CosmosClientFactory): gateway mode, the emulator's self-signed certificate
        // accepted because the endpoint is loopback.
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        HttpClientFactory = () => new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            MaxConnectionsPerServer = 64,
        }),
        RequestTimeout = TimeSpan.FromSeconds(30),
    });

    private static int? Port(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable("LocalStack__" + name), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
}
