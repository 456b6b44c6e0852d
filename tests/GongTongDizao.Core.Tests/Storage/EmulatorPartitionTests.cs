using System.Text.Json.Nodes;
using GongTongDizao.Core.Tests.Handlers;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Tests.Storage;

/// <summary>
/// The local Cosmos emulator runs a query over the partitions it names (tools/localstack/cosmos-partitions.mjs), as
/// Cosmos DB does: a single-partition query sees only its partition, whatever its WHERE clause says, and a query that
/// lists partition key values in ARRAY_CONTAINS reads only those partitions. Through the real SDK, over the network.
/// </summary>
[Collection(HandlersCollection.Name)]
public sealed class EmulatorPartitionTests(HandlerFixture fixture) : IAsyncLifetime
{
    private CosmosClient? _client;
    private Container? _container;

    private Container Items => _container ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _client = Client();
        var database = (await _client.CreateDatabaseIfNotExistsAsync(StoreNames.Database)).Database;
        _container = (await database.CreateContainerIfNotExistsAsync("emulator-partitions", "/pk")).Container;
    }

    public Task DisposeAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_single_partition_query_sees_only_its_partition_even_when_its_filter_does_not_name_it()
    {
        var kind = Guid.NewGuid().ToString("N");
        var (a, b) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await CreateAsync(a, "1", kind);
        await CreateAsync(a, "2", kind);
        await CreateAsync(b, "3", kind);

        var inA = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE c.kind = @k").WithParameter("@k", kind), a);
        var everywhere = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE c.kind = @k").WithParameter("@k", kind), partition: null);

        Assert.Equal(["1", "2"], inA);
        Assert.Equal(["1", "2", "3"], everywhere);
    }

    [Fact]
    public async Task Listed_partitions_answer_exactly_what_a_scan_would_and_a_disjunction_still_reads_everything()
    {
        var kind = Guid.NewGuid().ToString("N");
        var (a, b, c) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await CreateAsync(a, "1", kind);
        await CreateAsync(b, "2", kind);
        await CreateAsync(b, "3", "other");
        await CreateAsync(c, "4", kind);

        var listed = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE c.kind = @k AND ARRAY_CONTAINS(@pks, c.pk)")
            .WithParameter("@k", kind).WithParameter("@pks", new[] { a, b, "nobody" }), partition: null);
        var either = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS(@pks, c.pk) OR c.kind = @k")
            .WithParameter("@k", kind).WithParameter("@pks", new[] { b }), partition: null);

        Assert.Equal(["1", "2"], listed);
        Assert.Equal(["1", "2", "3", "4"], either);
    }

    [Fact]
    public async Task Replaced_and_deleted_documents_are_found_as_they_are_now_and_pages_continue_within_the_partition()
    {
        var pk = Guid.NewGuid().ToString("N");
        foreach (var id in new[] { "1", "2", "3", "4", "5" })
        {
            await CreateAsync(pk, id, "kept");
        }

        await Items.ReplaceItemAsync(new JsonObject { ["id"] = "2", ["pk"] = pk, ["kind"] = "changed" }, "2", new PartitionKey(pk));
        await Items.DeleteItemAsync<JsonObject>("4", new PartitionKey(pk));

        var pages = new List<List<string>>();
        using var feed = Items.GetItemQueryIterator<JsonObject>(
            new QueryDefinition("SELECT c.id, c.kind FROM c WHERE c.pk = @pk ORDER BY c.id").WithParameter("@pk", pk),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(pk), MaxItemCount = 2 });
        while (feed.HasMoreResults)
        {
            pages.Add([.. (await feed.ReadNextAsync()).Select(d => $"{d["id"]}:{d["kind"]}")]);
        }

        Assert.Equal(["1:kept", "2:changed", "3:kept", "5:kept"], pages.SelectMany(p => p));
        Assert.True(pages.Count >= 2, "the partition was read in pages of two");
    }

    [Fact]
    public async Task A_conditional_patch_is_checked_against_the_patched_document_not_one_with_its_id_elsewhere()
    {
        var (empty, full) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await Items.CreateItemAsync(new JsonObject { ["id"] = "quota", ["pk"] = empty, ["remaining"] = 0 }, new PartitionKey(empty));
        await Items.CreateItemAsync(new JsonObject { ["id"] = "quota", ["pk"] = full, ["remaining"] = 5 }, new PartitionKey(full));
        var take = new PatchOperation[] { PatchOperation.Increment("/remaining", -1) };

        using var batch = await Items.CreateTransactionalBatch(new PartitionKey(empty))
            .PatchItem("quota", take, new TransactionalBatchPatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.remaining > 0" })
            .ExecuteAsync();
        var single = await Assert.ThrowsAsync<CosmosException>(() => Items.PatchItemAsync<JsonObject>("quota", new PartitionKey(empty), take, new PatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.remaining > 0" }));
        using var taken = await Items.CreateTransactionalBatch(new PartitionKey(full))
            .PatchItem("quota", take, new TransactionalBatchPatchItemRequestOptions { FilterPredicate = "FROM c WHERE c.remaining > 0" })
            .ExecuteAsync();

        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, batch[0].StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, single.StatusCode);
        Assert.True(taken.IsSuccessStatusCode, taken.ErrorMessage);
        Assert.Equal(0, (await Items.ReadItemAsync<JsonObject>("quota", new PartitionKey(empty))).Resource["remaining"]!.GetValue<int>());
        Assert.Equal(4, (await Items.ReadItemAsync<JsonObject>("quota", new PartitionKey(full))).Resource["remaining"]!.GetValue<int>());
    }

    private CosmosClient Client() => new(fixture.Stack.CosmosEndpoint.ToString(), DevHost.LocalStack.LocalStackOptions.CosmosEmulatorKey, new CosmosClientOptions
    {
        ConnectionMode = ConnectionMode.Gateway,
        LimitToEndpoint = true,
        UseSystemTextJsonSerializerWithOptions = System.Text.Json.JsonSerializerOptions.Default,
        HttpClientFactory = () => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }),
    });

    private Task<ItemResponse<JsonObject>> CreateAsync(string pk, string id, string kind) =>
        Items.CreateItemAsync(new JsonObject { ["id"] = id, ["pk"] = pk, ["kind"] = kind }, new PartitionKey(pk));

    private async Task<List<string>> IdsAsync(QueryDefinition query, string? partition)
    {
        var ids = new List<string>();
        using var feed = Items.GetItemQueryIterator<JsonObject>(query, requestOptions: partition is null ? null : new QueryRequestOptions { PartitionKey = new PartitionKey(partition) });
        while (feed.HasMoreResults)
        {
            ids.AddRange((await feed.ReadNextAsync()).Select(d => d["id"]!.GetValue<string>()));
        }

        return [.. ids.Order(StringComparer.Ordinal)];
    }
}
