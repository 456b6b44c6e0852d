using System.Text.Json.Nodes;
using GongTongDizao.Infra.Tests.Support;

namespace GongTongDizao.Infra.Tests;

/// <summary>Every database, container, queue and blob container of infra/data-plane.json is declared as listed.</summary>
[Collection(InfraTestGroup.Name)]
public sealed class DataPlaneTests(InfraFixture infra)
{
    public static TheoryData<string> ParamFiles => InfraFiles.ParamFileData();

    [Fact]
    public void Main_loads_data_plane_json_instead_of_repeating_names()
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.bicep"));
        Assert.Contains("loadJsonContent('data-plane.json')", source, StringComparison.Ordinal);
        foreach (var container in infra.DataPlane["cosmos"]!["containers"]!.AsArray())
        {
            Assert.DoesNotContain($"'{container!["name"]!.GetValue<string>()}'", source, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Every_cosmos_container_is_declared_with_its_partition_key_ttl_and_index_exclusions(string file)
    {
        var resources = infra.PredictedResources(file);
        var database = infra.DataPlane["cosmos"]!["database"]!.GetValue<string>();
        Assert.Single(resources.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases"), r => r.Name().EndsWith("/" + database, StringComparison.Ordinal));

        var declared = resources.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")
            .ToDictionary(r => r.Name().Split('/')[^1], r => r["properties"]!["resource"]!, StringComparer.Ordinal);
        var expected = infra.DataPlane["cosmos"]!["containers"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(expected.Select(c => c["name"]!.GetValue<string>()).Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));

        foreach (var container in expected)
        {
            var name = container["name"]!.GetValue<string>();
            var resource = declared[name];
            Assert.Contains(resources.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"), r => r.Name().EndsWith($"/{database}/{name}", StringComparison.Ordinal));
            Assert.Equal(name, resource["id"]!.GetValue<string>());
            Assert.Equal([container["partitionKey"]!.GetValue<string>()], resource["partitionKey"]!["paths"]!.AsArray().Select(p => p!.GetValue<string>()));

            if (container["defaultTtl"] is { } ttl)
            {
                Assert.Equal(ttl.GetValue<int>(), resource["defaultTtl"]!.GetValue<int>());
            }
            else
            {
                Assert.Null(resource["defaultTtl"]);
            }

            var excluded = resource["indexingPolicy"]!["excludedPaths"]!.AsArray().Select(p => p!["path"]!.GetValue<string>()).ToList();
            foreach (var path in container["excludedPaths"]?.AsArray() ?? [])
            {
                Assert.Contains(path!.GetValue<string>(), excluded);
            }

            Assert.Contains(resource["indexingPolicy"]!["includedPaths"]!.AsArray(), p => p!["path"]!.GetValue<string>() == "/*");
        }
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Every_queue_is_declared(string file)
    {
        var declared = infra.PredictedResources(file).OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => q.Name().Split('/')[^1]);
        Assert.Equal(Names(infra.DataPlane["storage"]!["queues"]), declared.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Every_blob_container_and_the_deployment_container_are_declared(string file)
    {
        var declared = infra.PredictedResources(file).OfType("Microsoft.Storage/storageAccounts/blobServices/containers").Select(q => q.Name().Split('/')[^1]).ToList();
        Assert.Subset(declared.ToHashSet(StringComparer.Ordinal), Names(infra.DataPlane["storage"]!["blobContainers"]).ToHashSet(StringComparer.Ordinal));
        Assert.Contains("deployment-package", declared);
        Assert.Equal(Names(infra.DataPlane["storage"]!["blobContainers"]).Count + 1, declared.Count);
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Unattached_uploads_are_deleted_after_a_day(string file)
    {
        var policy = infra.PredictedResources(file).Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var rule = Assert.Single(policy["properties"]!["policy"]!["rules"]!.AsArray())!;
        Assert.True(rule["enabled"]!.GetValue<bool>());
        Assert.Equal(["attachments/uploads/"], rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(1, rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<int>());
    }

    private static List<string> Names(JsonNode? array) =>
        array!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
}
