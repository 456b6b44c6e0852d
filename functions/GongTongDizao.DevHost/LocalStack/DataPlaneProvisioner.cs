using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using GongTongDizao.Core.Storage;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.DevHost.LocalStack;

/// <summary>
/// Creates, idempotently, what Bicep declares in Azure: the database and containers with their partition keys,
/// the queues and the blob containers, all from the same infra/data-plane.json.
/// </summary>
public static class DataPlaneProvisioner
{
    public static async Task EnsureAsync(CosmosClient cosmos, QueueServiceClient queues, BlobServiceClient blobs, DataPlaneManifest manifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cosmos);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(manifest);
        Database database = await cosmos.CreateDatabaseIfNotExistsAsync(manifest.Cosmos.Database, cancellationToken: cancellationToken);
        foreach (var container in manifest.Cosmos.Containers)
        {
            await database.CreateContainerIfNotExistsAsync(
                new ContainerProperties(container.Name, container.PartitionKey) { DefaultTimeToLive = container.DefaultTtl },
                cancellationToken: cancellationToken);
        }

        foreach (var queue in manifest.Storage.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }

        foreach (var container in manifest.Storage.BlobContainers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
