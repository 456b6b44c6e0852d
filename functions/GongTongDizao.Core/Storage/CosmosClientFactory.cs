using Azure.Core;
using GongTongDizao.Core.Configuration;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Storage;

internal static class CosmosClientFactory
{
    public static CosmosClient Create(CosmosOptions options, Func<TokenCredential> credential, IEnumerable<RequestHandler> handlers, bool bulk = false)
    {
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "gongtongdizao",
            UseSystemTextJsonSerializerWithOptions = JsonDefaults.Options,
            EnableContentResponseOnWrite = true,
            AllowBulkExecution = bulk,
        };
        foreach (var handler in handlers)
        {
            clientOptions.CustomHandlers.Add(handler);
        }

        if (options.IsLoopback)
        {
            // The local emulator speaks the gateway protocol only, advertises itself under other names and
            // uses a self-signed certificate, which is accepted for a loopback address and nowhere else.
            clientOptions.ConnectionMode = ConnectionMode.Gateway;
            clientOptions.LimitToEndpoint = true;
            clientOptions.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
            clientOptions.RequestTimeout = TimeSpan.FromSeconds(10);
        }
        else
        {
            clientOptions.ConnectionMode = ConnectionMode.Direct;
        }

        return string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(options.Endpoint.ToString(), credential(), clientOptions)
            : new CosmosClient(options.Endpoint.ToString(), options.Key, clientOptions);
    }
}
