using GongTongDizao.Core.Common;
using GongTongDizao.Core.Features.Orgs;

namespace GongTongDizao.Core.Tests.Handlers;

/// <summary>Importing the governance tree through the real Core container.</summary>
[Collection(HandlersCollection.Name)]
public sealed class OrgHandlerTests(HandlerFixture fixture) : HandlerTest(fixture)
{
    [Fact]
    public async Task An_imported_tree_is_stored_with_each_nodes_path()
    {
        // The tree of this test was imported by the base class through the same handler.
        var community = await Scope.Get<OrgDirectory>().FindAsync(Tree.Community, CancellationToken.None);

        Assert.Equal(OrgLevel.Community, community!.Level);
        Assert.Equal(Tree.Street, community.ParentId);
        Assert.Equal([Tree.Province, Tree.City, Tree.District, Tree.Street], community.Path);
    }

    [Fact]
    public async Task New_nodes_are_counted_as_created()
    {
        var id = NewId("E");

        var result = await Import(new ImportedOrg(id, "幸福小区", OrgLevel.Estate, Tree.Community));

        Assert.Equal(new ImportOrgsResult(1, 0, 0), result.Value);
        Assert.Equal([Tree.Province, Tree.City, Tree.District, Tree.Street, Tree.Community], (await FindAsync(id))!.Path);
    }

    [Fact]
    public async Task Importing_the_same_nodes_again_changes_nothing()
    {
        var result = await Import(new ImportedOrg(Tree.Street, (await FindAsync(Tree.Street))!.Name, OrgLevel.Street, Tree.District));

        Assert.Equal(new ImportOrgsResult(0, 0, 1), result.Value);
    }

    [Fact]
    public async Task A_renamed_node_is_updated_and_the_directory_shows_the_new_name()
    {
        var result = await Import(new ImportedOrg(Tree.Community, "  新名字社区 ", OrgLevel.Community, Tree.Street));

        Assert.Equal(new ImportOrgsResult(0, 1, 0), result.Value);
        Assert.Equal("新名字社区", (await FindAsync(Tree.Community))!.Name);
    }

    [Fact]
    public async Task An_unknown_parent_refuses_the_whole_import_and_writes_nothing()
    {
        var good = NewId("E");
        var orphan = NewId("O");

        var result = await Import(new ImportedOrg(good, "好小区", OrgLevel.Estate, Tree.Community), new ImportedOrg(orphan, "孤儿小区", OrgLevel.Estate, NewId("missing")));

        Assert.Equal(ErrorCodes.OrgImportInvalid, result.Error?.Code);
        Assert.True(result.Error!.Errors!.ContainsKey("orgs[1]"));
        Assert.False(result.Error.Errors.ContainsKey("orgs[0]"));
        Assert.Null(await FindAsync(good));
        Assert.Null(await FindAsync(orphan));
    }

    [Fact]
    public async Task Only_a_province_may_have_no_parent()
    {
        var id = NewId("R");

        var result = await Import(new ImportedOrg(id, "无上级的区", OrgLevel.District, null));

        Assert.Equal(ErrorCodes.OrgImportInvalid, result.Error?.Code);
        Assert.Contains("只有省级节点可以没有上级", result.Error!.Errors!["orgs[0]"]);
        Assert.Null(await FindAsync(id));
    }

    [Fact]
    public async Task A_node_must_sit_below_its_parents_level()
    {
        var id = NewId("B");

        var result = await Import(new ImportedOrg(id, "街道下的街道", OrgLevel.Street, Tree.Street));

        Assert.Equal(ErrorCodes.OrgImportInvalid, result.Error?.Code);
        Assert.Null(await FindAsync(id));
    }

    [Fact]
    public async Task A_duplicate_code_in_one_file_is_refused()
    {
        var id = NewId("E");

        var result = await Import(new ImportedOrg(id, "甲小区", OrgLevel.Estate, Tree.Community), new ImportedOrg(id, "乙小区", OrgLevel.Estate, Tree.Community));

        Assert.Equal(ErrorCodes.OrgImportInvalid, result.Error?.Code);
        Assert.True(result.Error!.Errors!.ContainsKey("orgs[1]"));
        Assert.Null(await FindAsync(id));
    }

    private static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    private Task<Result<ImportOrgsResult>> Import(params ImportedOrg[] orgs) =>
        Scope.Get<ImportOrgs>().HandleAsync(new ImportOrgsRequest(orgs), CancellationToken.None);

    private async Task<OrgUnit?> FindAsync(string id)
    {
        var directory = Scope.Get<OrgDirectory>();
        directory.Invalidate();
        return await directory.FindAsync(id, CancellationToken.None);
    }
}
