using System.Text.Json;
using System.Text.Json.Serialization;

namespace GongTongDizao.Core.Storage;

/// <summary>The parsed <c>infra/data-plane.json</c>, embedded in this assembly at build time.</summary>
public sealed record DataPlaneManifest(
    [property: JsonPropertyName("cosmos")] CosmosManifest Cosmos,
    [property: JsonPropertyName("storage")] StorageManifest Storage)
{
    private static readonly Lazy<DataPlaneManifest> s_embedded = new(LoadEmbedded);

    public static DataPlaneManifest Embedded => s_embedded.Value;

    private static DataPlaneManifest LoadEmbedded()
    {
        using var stream = typeof(DataPlaneManifest).Assembly.GetManifestResourceStream("data-plane.json")
            ?? throw new InvalidOperationException("data-plane.json is not embedded in GongTongDizao.Core.");
        return JsonSerializer.Deserialize<DataPlaneManifest>(stream)
            ?? throw new InvalidOperationException("data-plane.json is empty.");
    }
}

public sealed record CosmosManifest(
    [property: JsonPropertyName("database")] string Database,
    [property: JsonPropertyName("containers")] IReadOnlyList<ContainerManifest> Containers);

public sealed record ContainerManifest(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("partitionKey")] string PartitionKey,
    [property: JsonPropertyName("defaultTtl")] int? DefaultTtl = null,
    [property: JsonPropertyName("excludedPaths")] IReadOnlyList<string>? ExcludedPaths = null);

public sealed record StorageManifest(
    [property: JsonPropertyName("queues")] IReadOnlyList<string> Queues,
    [property: JsonPropertyName("blobContainers")] IReadOnlyList<string> BlobContainers);
