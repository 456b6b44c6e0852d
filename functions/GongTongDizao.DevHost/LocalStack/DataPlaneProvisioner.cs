using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.DevHost.LocalStack;

/// <summary>
/// Creates, idempotently, what Bicep declares in Azure: the database and containers with their partition keys and
/// TTLs, the queues and the blob containers, all read from the same infra/data-plane.json (embedded at build).
/// </summary>
public static class DataPlaneProvisioner
{
    /// <summary>Against the emulators the worker was given (its Cosmos endpoint and key, its storage connection string).</summary>
    public static async Task EnsureAsync(Uri cosmosEndpoint, string cosmosKey, string storageConnectionString, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cosmosEndpoint);
        var manifest = DataPlane.Embedded;
        using var cosmos = new CosmosClient(cosmosEndpoint.ToString(), cosmosKey, new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            // The emulator's certificate is self-signed; it listens on loopback only.
            ServerCertificateCustomValidationCallback = (_, _, _) => cosmosEndpoint.IsLoopback,
        });
        Database database = await cosmos.CreateDatabaseIfNotExistsAsync(manifest.Cosmos.Database, cancellationToken: cancellationToken);
        foreach (var container in manifest.Cosmos.Containers)
        {
            await database.CreateContainerIfNotExistsAsync(
                new ContainerProperties(container.Name, container.PartitionKey) { DefaultTimeToLive = container.DefaultTtl },
                cancellationToken: cancellationToken);
        }

        var queues = new QueueServiceClient(storageConnectionString);
        foreach (var queue in manifest.Storage.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        var blobs = new BlobServiceClient(storageConnectionString);
        foreach (var container in manifest.Storage.BlobContainers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}

/// <summary>infra/data-plane.json: the one list of data-plane names, which Bicep also loads.</summary>
public sealed record DataPlane(
    [property: JsonPropertyName("cosmos")] DataPlane.CosmosPart Cosmos,
    [property: JsonPropertyName("storage")] DataPlane.StoragePart Storage)
{
    public static DataPlane Embedded { get; } = Load();

    private static DataPlane Load()
    {
        using var stream = typeof(DataPlane).Assembly.GetManifestResourceStream("data-plane.json")
            ?? throw new InvalidOperationException("data-plane.json is not embedded in the DevHost.");
        return JsonSerializer.Deserialize<DataPlane>(stream) ?? throw new InvalidOperationException("data-plane.json is empty.");
    }

    public sealed record CosmosPart(
        [property: JsonPropertyName("database")] string Database,
        [property: JsonPropertyName("containers")] IReadOnlyList<ContainerPart> Containers);

    public sealed record ContainerPart(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("partitionKey")] string PartitionKey,
        [property: JsonPropertyName("defaultTtl")] int? DefaultTtl = null);

    public sealed record StoragePart(
        [property: JsonPropertyName("queues")] IReadOnlyList<string> Queues,
        [property: JsonPropertyName("blobContainers")] IReadOnlyList<string> BlobContainers);
}
