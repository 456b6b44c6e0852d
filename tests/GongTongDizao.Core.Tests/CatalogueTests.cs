using System.Reflection;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Storage;

namespace GongTongDizao.Core.Tests;

public sealed class CatalogueTests
{
    [Fact]
    public void Every_error_code_constant_is_in_errors_json_and_back()
    {
        var constants = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).Order().ToList();

        Assert.Equal(constants, ErrorCatalog.Codes.Order().ToList());
        Assert.All(ErrorCatalog.Codes, c => Assert.Matches("[\u4e00-\u9fff]", ErrorCatalog.Create(c).Title));
    }

    [Fact]
    public void Store_names_equal_the_data_plane_manifest()
    {
        static IEnumerable<string> Names(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        var manifest = DataPlaneManifest.Embedded;

        Assert.Equal(StoreNames.Database, manifest.Cosmos.Database);
        Assert.Equal(Names(typeof(StoreNames.Containers)).Order(), manifest.Cosmos.Containers.Select(c => c.Name).Order());
        Assert.Equal(Names(typeof(StoreNames.Queues)).Order(), manifest.Storage.Queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)).Order());
        Assert.All(manifest.Storage.Queues.Where(q => !q.EndsWith("-poison", StringComparison.Ordinal)), q => Assert.Contains(q + "-poison", manifest.Storage.Queues));
        Assert.Equal(Names(typeof(StoreNames.BlobContainers)).Order(), manifest.Storage.BlobContainers.Order());
    }
}
