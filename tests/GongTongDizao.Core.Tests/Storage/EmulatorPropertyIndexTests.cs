using System.Text.Json.Nodes;
using GongTongDizao.Core.Tests.Handlers;
using Microsoft.Azure.Cosmos;

namespace GongTongDizao.Core.Tests.Storage;

/// <summary>
/// The local Cosmos emulator answers a cross-partition query from an index of the property its filter names
/// (tools/localstack/cosmos-property-index.mjs), as Cosmos DB answers it from its range index, instead of evaluating the
/// filter on every document. The answers must be exactly a full scan's: documents written, replaced and deleted after
/// the index was built, values of another type, and filters the index cannot serve. A page of such a query is read
/// from its continuation on, a slice at a time (tools/localstack/cosmos-paging.mjs), and must be the whole query's page.
/// Through the real SDK.
/// </summary>
[Collection(HandlersCollection.Name)]
public sealed class EmulatorPropertyIndexTests(HandlerFixture fixture) : EmulatorContainerTests(fixture, "emulator-property-index")
{
    [Fact]
    public async Task An_equality_finds_what_a_scan_would_after_writes_replaces_and_deletes()
    {
        var (home, elsewhere) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await CreateAsync("1", new JsonObject { ["home"] = home });
        await CreateAsync("2", new JsonObject { ["home"] = elsewhere });
        var equal = new QueryDefinition("SELECT * FROM c WHERE c.home = @h").WithParameter("@h", home);
        var first = await IdsAsync(equal);

        // After the index exists: a new document, one moved to the value, one moved away, one deleted.
        await CreateAsync("3", new JsonObject { ["home"] = home });
        await CreateAsync("4", new JsonObject { ["home"] = home });
        await ReplaceAsync("2", new JsonObject { ["home"] = home });
        await ReplaceAsync("1", new JsonObject { ["home"] = elsewhere });
        await Items.DeleteItemAsync<JsonObject>(_prefix + "4", new PartitionKey(_prefix + "4"));

        Assert.Equal(["1"], first);
        Assert.Equal(["2", "3"], await IdsAsync(equal));
        Assert.Equal(["1"], await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE c.home = @h").WithParameter("@h", elsewhere)));
    }

    [Fact]
    public async Task A_listed_value_a_nested_path_and_a_defined_array_element_each_find_what_a_scan_would()
    {
        var (a, b, kind) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await CreateAsync("1", new JsonObject { ["kind"] = kind, ["home"] = a, ["skipped"] = new JsonObject { ["page"] = a }, ["outbox"] = new JsonArray(new JsonObject { ["id"] = "e1" }) });
        await CreateAsync("2", new JsonObject { ["kind"] = kind, ["home"] = b, ["skipped"] = new JsonObject { ["page"] = b }, ["outbox"] = new JsonArray() });
        await CreateAsync("3", new JsonObject { ["kind"] = kind, ["home"] = "other", ["outbox"] = new JsonArray(new JsonObject { ["id"] = "e3" }) });
        await CreateAsync("4", new JsonObject { ["kind"] = "other", ["home"] = a, ["outbox"] = new JsonArray(new JsonObject { ["id"] = "e4" }) });

        var listed = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE c.kind = @k AND ARRAY_CONTAINS(@homes, c.home)")
            .WithParameter("@k", kind).WithParameter("@homes", new[] { a, b, "nobody" }));
        var nested = await IdsAsync(new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.skipped.page = @b AND (c.kind = @k)").WithParameter("@b", b).WithParameter("@k", kind), value: true);
        var pending = await IdsAsync(new QueryDefinition("SELECT c.id FROM c WHERE IS_DEFINED(c.outbox[0].id) AND c.kind = @k").WithParameter("@k", kind));
        await ReplaceAsync("2", new JsonObject { ["kind"] = kind, ["home"] = b, ["outbox"] = new JsonArray(new JsonObject { ["id"] = "e2" }) });
        await ReplaceAsync("1", new JsonObject { ["kind"] = kind, ["home"] = a, ["outbox"] = new JsonArray() });

        Assert.Equal(["1", "2"], listed);
        Assert.Equal(["2"], nested);
        Assert.Equal(["1", "3"], pending);
        Assert.Equal(["2", "3"], await IdsAsync(new QueryDefinition("SELECT c.id FROM c WHERE IS_DEFINED(c.outbox[0].id) AND c.kind = @k").WithParameter("@k", kind)));
    }

    [Fact]
    public async Task Another_type_a_disjunction_and_a_predicate_inside_a_function_are_answered_as_a_scan_would()
    {
        var tag = Guid.NewGuid().ToString("N");
        await CreateAsync("1", new JsonObject { ["tag"] = tag, ["n"] = 1 });
        await CreateAsync("2", new JsonObject { ["tag"] = tag, ["n"] = "1" });
        await CreateAsync("3", new JsonObject { ["tag"] = "other", ["n"] = 1 });

        var number = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE c.tag = @t AND c.n = @n").WithParameter("@t", tag).WithParameter("@n", 1));
        var either = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE c.tag = @t OR c.n = @n").WithParameter("@t", tag).WithParameter("@n", 1));
        // An equality inside a function is no conjunct: read from the index, this would find the tagged ones, not the rest.
        var wrapped = await IdsAsync(new QueryDefinition("SELECT * FROM c WHERE ARRAY_CONTAINS([false], c.tag = @t)").WithParameter("@t", tag));

        Assert.Equal(["1"], number);
        Assert.Equal(["1", "2", "3"], either);
        Assert.Equal(["3"], wrapped);
    }

    [Fact]
    public async Task Pages_of_a_cross_partition_query_are_those_of_the_whole_query_when_matches_are_sparse()
    {
        var kind = Guid.NewGuid().ToString("N");
        for (var n = 1; n <= 30; n++)
        {
            await CreateAsync($"{n:00}", new JsonObject { ["kind"] = kind, ["n"] = n });
        }

        // Every third document matches, so a page of two needs more than the first slice of candidates.
        var pages = new List<List<string>>();
        var query = new QueryDefinition("SELECT c.id FROM c WHERE c.kind = @k AND c.n % 3 = 0").WithParameter("@k", kind);
        using var feed = Items.GetItemQueryIterator<JsonObject>(query, requestOptions: new QueryRequestOptions { MaxItemCount = 2 });
        while (feed.HasMoreResults)
        {
            pages.Add([.. (await feed.ReadNextAsync()).Select(d => d["id"]!.GetValue<string>()[_prefix.Length..])]);
        }

        Assert.Equal(["03", "06", "09", "12", "15", "18", "21", "24", "27", "30"], pages.SelectMany(p => p));
        Assert.All(pages.SkipLast(1), page => Assert.Equal(2, page.Count));
    }

    // Each test's documents carry ids of their own, so the container can outlive a test and a run.
    private readonly string _prefix = Guid.NewGuid().ToString("N") + "-";

    private async Task CreateAsync(string id, JsonObject fields)
    {
        (fields["id"], fields["pk"]) = (_prefix + id, _prefix + id);
        await Items.CreateItemAsync(fields, new PartitionKey(_prefix + id));
    }

    private async Task ReplaceAsync(string id, JsonObject fields)
    {
        (fields["id"], fields["pk"]) = (_prefix + id, _prefix + id);
        await Items.ReplaceItemAsync(fields, _prefix + id, new PartitionKey(_prefix + id));
    }

    private async Task<List<string>> IdsAsync(QueryDefinition query, bool value = false)
    {
        var ids = new List<string>();
        using var feed = Items.GetItemQueryIterator<JsonNode>(query);
        while (feed.HasMoreResults)
        {
            ids.AddRange((await feed.ReadNextAsync()).Select(d => value ? d!.GetValue<string>() : d!["id"]!.GetValue<string>()));
        }

        return [.. ids.Where(id => id.StartsWith(_prefix, StringComparison.Ordinal)).Select(id => id[_prefix.Length..]).Order(StringComparer.Ordinal)];
    }
}
