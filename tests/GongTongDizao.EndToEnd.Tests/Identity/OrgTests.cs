using GongTongDizao.DevHost.Seeding;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class OrgTests(IdentityFixture host)
{
    [Fact]
    public async Task The_tree_reads_by_id_children_and_search()
    {
        var token = await host.LoginAsync(DemoUsers.Resident);

        var (status, org) = await host.SendAsync(HttpMethod.Get, "api/orgs/420106001001", token);
        var (_, children) = await host.SendAsync(HttpMethod.Get, "api/orgs/420106001/children", token);
        var (_, byName) = await host.SendAsync(HttpMethod.Get, $"api/orgs/search?q={Uri.EscapeDataString("户部巷")}", token);
        var (_, byCode) = await host.SendAsync(HttpMethod.Get, "api/orgs/search?q=420106008", token);
        var (missing, _) = await host.SendAsync(HttpMethod.Get, "api/orgs/999", token);
        var (empty, _) = await host.SendAsync(HttpMethod.Get, "api/orgs/search?q=", token);

        Assert.Equal(200, status);
        Assert.Equal("community", org.GetProperty("level").GetString());
        Assert.Equal(["42", "4201", "420106", "420106001"], org.GetProperty("path").EnumerateArray().Select(e => e.GetString()!));
        // Other suites import communities of their own under the same street; the seeded ones must be there, in order.
        var childIds = children.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        Assert.Equal(["420106001001", "420106001002"], childIds.Where(id => id is "420106001001" or "420106001002"));
        Assert.Equal(childIds.Order(StringComparer.Ordinal), childIds);
        Assert.Equal("420106001002", Assert.Single(byName.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.All(byCode.GetProperty("items").EnumerateArray(), e => Assert.StartsWith("420106008", e.GetProperty("id").GetString()!, StringComparison.Ordinal));
        Assert.Equal(404, missing);
        Assert.Equal(400, empty);
    }

    [Fact]
    public async Task Import_is_idempotent_and_lists_every_problem_without_writing_anything()
    {
        var suffix = Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var good = new { orgs = new object[] { new { id = $"420106009{suffix}", name = "测试社区", level = "community", parentId = "420106008" } } };
        var bad = new
        {
            orgs = new object[]
            {
                new { id = $"4201069{suffix}", name = "孤儿", level = "community", parentId = "nope" },
                new { id = $"4201068{suffix}", name = "甲", level = "street", parentId = $"4201067{suffix}" },
                new { id = $"4201067{suffix}", name = "乙", level = "street", parentId = $"4201068{suffix}" },
                new { id = $"4201066{suffix}", name = "重复", level = "community", parentId = "420106008" },
                new { id = $"4201066{suffix}", name = "重复", level = "community", parentId = "420106008" },
                new { id = $"4201065{suffix}", name = "层级错", level = "city", parentId = "420106008" },
            },
        };

        var (first, created) = await host.SendAsync(HttpMethod.Post, "api/manage/orgs/import", body: good, functionKey: DevHostFixture.FunctionKey);
        var (second, again) = await host.SendAsync(HttpMethod.Post, "api/manage/orgs/import", body: good, functionKey: DevHostFixture.FunctionKey);
        var (invalid, problem) = await host.SendAsync(HttpMethod.Post, "api/manage/orgs/import", body: bad, functionKey: DevHostFixture.FunctionKey);
        var (nokey, _) = await host.SendAsync(HttpMethod.Post, "api/manage/orgs/import", body: good);
        var token = await host.LoginAsync(DemoUsers.Resident);
        var (notImported, _) = await host.SendAsync(HttpMethod.Get, $"api/orgs/4201066{suffix}", token);

        Assert.Equal(200, first);
        Assert.Equal(1, created.GetProperty("created").GetInt32() + created.GetProperty("unchanged").GetInt32());
        Assert.Equal(200, second);
        Assert.Equal(1, again.GetProperty("unchanged").GetInt32());
        Assert.Equal(400, invalid);
        Assert.Equal("ORG_IMPORT_INVALID", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => string.Join(" ", p.Value.EnumerateArray().Select(v => v.GetString())));
        Assert.Contains("不存在", errors["orgs[0]"], StringComparison.Ordinal);
        Assert.Contains("循环", errors["orgs[1]"], StringComparison.Ordinal);
        Assert.Contains("重复", errors["orgs[4]"], StringComparison.Ordinal);
        Assert.Contains("层级", errors["orgs[5]"], StringComparison.Ordinal);
        Assert.Equal(401, nokey);
        Assert.Equal(404, notImported);
    }
}
