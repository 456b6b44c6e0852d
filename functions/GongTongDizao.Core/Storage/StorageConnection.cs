using Azure.Core.Pipeline;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace GongTongDizao.Core.Storage;

/// <summary>
/// Reads the same <c>AzureWebJobsStorage</c> setting the Functions runtime uses for its queue triggers, so the
/// app's own clients and the triggers cannot point at different accounts: a connection string locally, or the
/// keyless form (<c>__queueServiceUri</c>, <c>__blobServiceUri</c> and a managed identity) in Azure.
/// </summary>
public sealed class StorageConnection
{
    public const string SettingName = "AzureWebJobsStorage";

    private StorageConnection(string? connectionString, Uri? queueServiceUri, Uri? blobServiceUri)
    {
        ConnectionString = connectionString;
        QueueServiceUri = queueServiceUri;
        BlobServiceUri = blobServiceUri;
    }

    public string? ConnectionString { get; }

    public Uri? QueueServiceUri { get; }

    public Uri? BlobServiceUri { get; }

    public static StorageConnection FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageConnection(connectionString, null, null);
        }

        var section = configuration.GetSection(SettingName);
        var queue = section["queueServiceUri"];
        var blob = section["blobServiceUri"];
        if (string.IsNullOrWhiteSpace(queue) || string.IsNullOrWhiteSpace(blob))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set {SettingName} to a connection string, or {SettingName}__queueServiceUri and {SettingName}__blobServiceUri.");
        }

        return new StorageConnection(null, new Uri(queue), new Uri(blob));
    }

    /// <summary>Queue messages are base64, as the Functions queue trigger expects by default (host.json messageEncoding).</summary>
    public static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    public QueueServiceClient CreateQueueServiceClient(Func<TokenCredential> credential, HttpPipelinePolicy? callLog = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var options = QueueOptions();
        if (callLog is not null)
        {
            options.AddPolicy(callLog, HttpPipelinePosition.PerCall);
        }

        return ConnectionString is not null
            ? new QueueServiceClient(ConnectionString, options)
            : new QueueServiceClient(QueueServiceUri, credential(), options);
    }

    public BlobServiceClient CreateBlobServiceClient(Func<TokenCredential> credential) =>
        ConnectionString is not null
            ? new BlobServiceClient(ConnectionString)
            : new BlobServiceClient(BlobServiceUri, credential());
}
