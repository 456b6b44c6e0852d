using System.Net;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Tests.Handlers;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Tests.Storage;

/// <summary>
/// The local Cosmos emulator answers the .NET SDK's transactional batches and bulk requests (HybridRow over the
/// gateway, tools/localstack/cosmos-batch.mjs) as Cosmos DB does: all or nothing for a batch, each operation on its own
/// for bulk. Through the real SDK, over the network, so a format the SDK cannot read fails here.
/// </summary>
[Collection(HandlersCollection.Name)]
public sealed class EmulatorBatchTests(HandlerFixture fixture) : EmulatorContainerTests(fixture, "emulator-batch")
{
    [Fact]
    public async Task A_batch_of_every_operation_kind_commits_them_all_in_order()
    {
        var pk = Guid.NewGuid().ToString("N");
        await Items.CreateItemAsync(new JsonObject { ["id"] = "topic", ["pk"] = pk, ["seconds"] = 1 }, new PartitionKey(pk));

        using var response = await Items.CreateTransactionalBatch(new PartitionKey(pk))
            .CreateItem(new JsonObject { ["id"] = "second", ["pk"] = pk })
            .PatchItem("topic", [PatchOperation.Increment("/seconds", 1)])
            .ReadItem("topic")
            .UpsertItem(new JsonObject { ["id"] = "draft", ["pk"] = pk, ["v"] = 1 })
            .ReplaceItem("draft", new JsonObject { ["id"] = "draft", ["pk"] = pk, ["v"] = 2 })
            .DeleteItem("draft")
            .ExecuteAsync();

        Assert.True(response.IsSuccessStatusCode, response.ErrorMessage);
        Assert.Equal(
            [HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.NoContent],
            Enumerable.Range(0, response.Count).Select(i => response[i].StatusCode));
        Assert.Equal(2, response.GetOperationResultAtIndex<JsonObject>(2).Resource["seconds"]!.GetValue<int>());
        Assert.Equal(response[1].ETag, (await Items.ReadItemAsync<JsonObject>("topic", new PartitionKey(pk))).ETag);
        Assert.Equal(HttpStatusCode.OK, (await Items.ReadItemStreamAsync("second", new PartitionKey(pk))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Items.ReadItemStreamAsync("draft", new PartitionKey(pk))).StatusCode);
    }

    [Fact]
    public async Task A_batch_whose_operation_fails_leaves_every_document_as_it_was()
    {
        var pk = Guid.NewGuid().ToString("N");
        var topic = await Items.CreateItemAsync(new JsonObject { ["id"] = "topic", ["pk"] = pk, ["seconds"] = 1 }, new PartitionKey(pk));
        await Items.CreateItemAsync(new JsonObject { ["id"] = "taken", ["pk"] = pk }, new PartitionKey(pk));

        using var response = await Items.CreateTransactionalBatch(new PartitionKey(pk))
            .PatchItem("topic", [PatchOperation.Increment("/seconds", 1)])
            .CreateItem(new JsonObject { ["id"] = "second", ["pk"] = pk })
            .CreateItem(new JsonObject { ["id"] = "taken", ["pk"] = pk })
            .ExecuteAsync();
        var after = await Items.ReadItemAsync<JsonObject>("topic", new PartitionKey(pk));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal([HttpStatusCode.FailedDependency, HttpStatusCode.FailedDependency, HttpStatusCode.Conflict], Enumerable.Range(0, response.Count).Select(i => response[i].StatusCode));
        Assert.Equal((1, topic.ETag), (after.Resource["seconds"]!.GetValue<int>(), after.ETag));
        Assert.Equal(HttpStatusCode.NotFound, (await Items.ReadItemStreamAsync("second", new PartitionKey(pk))).StatusCode);
    }

    [Fact]
    public async Task A_stale_etag_in_a_batch_is_a_precondition_failure_and_changes_nothing()
    {
        var pk = Guid.NewGuid().ToString("N");
        var created = await Items.CreateItemAsync(new JsonObject { ["id"] = "slot", ["pk"] = pk, ["used"] = 0 }, new PartitionKey(pk));
        await Items.ReplaceItemAsync(new JsonObject { ["id"] = "slot", ["pk"] = pk, ["used"] = 1 }, "slot", new PartitionKey(pk));

        using var response = await Items.CreateTransactionalBatch(new PartitionKey(pk))
            .ReplaceItem("slot", new JsonObject { ["id"] = "slot", ["pk"] = pk, ["used"] = 2 }, new TransactionalBatchItemRequestOptions { IfMatchEtag = created.ETag })
            .ExecuteAsync();

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(1, (await Items.ReadItemAsync<JsonObject>("slot", new PartitionKey(pk))).Resource["used"]!.GetValue<int>());
    }

    [Fact]
    public async Task Bulk_creates_each_stand_alone_so_one_conflict_fails_only_itself()
    {
        using var bulk = Client(bulk: true);
        var container = bulk.GetContainer(StoreNames.Database, "emulator-batch");
        var pk = Guid.NewGuid().ToString("N");
        await Items.CreateItemAsync(new JsonObject { ["id"] = "r7", ["pk"] = $"{pk}-odd" }, new PartitionKey($"{pk}-odd"));

        var creates = Enumerable.Range(0, 120).Select(i => container.CreateItemStreamAsync(Json(new JsonObject { ["id"] = $"r{i}", ["pk"] = i % 2 == 0 ? pk : $"{pk}-odd" }), new PartitionKey(i % 2 == 0 ? pk : $"{pk}-odd"))).ToList();
        var statuses = (await Task.WhenAll(creates)).Select(r => { using (r) { return r.StatusCode; } }).ToList();

        Assert.Equal(HttpStatusCode.Conflict, statuses[7]);
        Assert.All(statuses.Where((_, i) => i != 7), s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.OK, (await Items.ReadItemStreamAsync("r119", new PartitionKey($"{pk}-odd"))).StatusCode);
    }

    private static MemoryStream Json(JsonObject item) => new(System.Text.Encoding.UTF8.GetBytes(item.ToJsonString()));
}
