using System.Net;
using System.Text;
using GongTongDizao.Core;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Bench;

/// <summary>
/// The baseline: the Cosmos SDK alone against the same emulator the DevHost uses, with a document the size of a
/// letter, in containers of its own so the app's data is untouched. Creates go to a second container: the
/// emulator runs a query by scanning every document of its container, so the creates (tens of thousands at
/// concurrency 64 once connections are kept alive) would otherwise slow the query baseline measured after them.
/// </summary>
internal sealed class RawCosmos : IDisposable
{
    private const string ContainerName = "bench-raw";
    private const string CreatesContainerName = "bench-raw-creates";
    private readonly CosmosClient _client;
    private readonly Container _container;
    private readonly Container _creates;
    private readonly byte[] _template;

    private RawCosmos(CosmosClient client, Container container, Container creates)
    {
        _client = client;
        _container = container;
        _creates = creates;
        _template = Encoding.UTF8.GetBytes(
            """{"id":"ID","pk":"PK","category":"daily_life","title":"小区快递柜不够用","content":"希望增加快递柜，或者协调快递员送货上门。晚上下班回来经常取不到快递，老人也不方便。","status":"Submitted","communityId":"420106008001","authorId":"u-bench","createdAt":"2026-11-27T08:00:00Z","outbox":[]}""");
    }

    public string ReadId { get; } = "raw-read";

    /// <summary>The partition the query baseline lists: <see cref="ListSize"/> letter-sized documents.</summary>
    public string ListPartition { get; } = "raw-list";

    /// <summary>About what a bench resident's own list holds while it is measured (one letter, then a few more).</summary>
    public const int ListSize = 5;

    public static async Task<RawCosmos> CreateAsync()
    {
        // The app's loopback client settings (gateway mode, the emulator's certificate); documents go as streams.
        var client = BenchEmulators.Cosmos(bulk: false);
        var database = client.GetDatabase(StoreNames.Database);
        var container = (await database.CreateContainerIfNotExistsAsync(ContainerName, "/pk")).Container;
        var creates = (await database.CreateContainerIfNotExistsAsync(CreatesContainerName, "/pk")).Container;
        var raw = new RawCosmos(client, container, creates);
        using var seed = raw.Document(raw.ReadId);
        using var _ = await container.UpsertItemStreamAsync(seed, new PartitionKey(raw.ReadId));
        for (var i = 0; i < ListSize; i++)
        {
            using var item = raw.Document($"{raw.ListPartition}-{i}", raw.ListPartition);
            using var __ = await container.UpsertItemStreamAsync(item, new PartitionKey(raw.ListPartition));
        }

        return raw;
    }

    public async Task<bool?> PointReadAsync()
    {
        using var response = await _container.ReadItemStreamAsync(ReadId, new PartitionKey(ReadId));
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// The first page (up to 20, the app's default page size) of one partition's documents, newest first, as the
    /// app's own lists ask: the partition key named and optimistic direct execution on, so the SDK sends the query
    /// straight to the partition without asking the gateway for a query plan first.
    /// </summary>
    public async Task<bool?> QueryPageAsync()
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk ORDER BY c.createdAt DESC").WithParameter("@pk", ListPartition);
        using var feed = _container.GetItemQueryStreamIterator(query, continuationToken: null, new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(ListPartition),
            MaxItemCount = 20,
            EnableOptimisticDirectExecution = true,
        });
        using var response = await feed.ReadNextAsync();
        return response.StatusCode == HttpStatusCode.OK;
    }

    public async Task<bool?> CreateAsync(int n)
    {
        var id = $"raw-{Guid.NewGuid():N}-{n}";
        using var body = Document(id);
        using var response = await _creates.CreateItemStreamAsync(body, new PartitionKey(id));
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>
    /// Creates per second with <paramref name="parallelism"/> creates in flight until <paramref name="count"/> are
    /// done: the store's own speed at the worker's queue parallelism, the baseline of the fan-out ratio.
    /// </summary>
    public async Task<double> CreateRateAsync(int parallelism, int count)
    {
        // Untimed first: this client is new, so its connections (one per create in flight, each with a TLS
        // handshake) and the SDK's first-call costs would otherwise count, where the worker's are long warm.
        await CreatesAsync(parallelism, parallelism * 4);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await CreatesAsync(parallelism, count);
        return count / clock.Elapsed.TotalSeconds;
    }

    private async Task CreatesAsync(int parallelism, int count)
    {
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var n && n <= count)
            {
                await CreateAsync(n);
            }
        }));
    }

    public void Dispose() => _client.Dispose();

    private MemoryStream Document(string id, string? partition = null) =>
        new(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(_template).Replace("\"ID\"", $"\"{id}\"", StringComparison.Ordinal).Replace("\"PK\"", $"\"{partition ?? id}\"", StringComparison.Ordinal)));
}
