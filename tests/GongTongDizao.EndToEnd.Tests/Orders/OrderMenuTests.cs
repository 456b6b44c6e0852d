using System.Text.Json;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Orders;

/// <summary>
/// The service menu administrators maintain, on the real worker: the function key manages it, residents order from
/// what is active, and a retired category is refused to new orders and teams while existing orders keep it. The menu
/// is one document the host shares: each test owns a fixed code and sets it to a known state first.
/// </summary>
[Collection(OrdersCollection.Name)]
public sealed class OrderMenuTests(OrdersFixture host)
{
    [Fact]
    public async Task An_administrator_adds_a_category_residents_order_it_and_once_retired_it_is_refused_while_the_order_keeps_it()
    {
        const string code = "e2e_menu_retire";
        await SaveAsync(code, new { name = "旧物回收", description = "旧衣物、旧家电回收" });
        var resident = await host.PersonAsync("居民孙阿姨");

        var (_, menu) = await host.SendAsync(HttpMethod.Get, "api/orders/categories", resident.Token);
        var offered = menu.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);
        var (placed, order) = await PlaceAsync(resident.Token, code);
        var retired = await SaveAsync(code, new { name = "旧物回收", description = "旧衣物、旧家电回收", active = false });
        var (_, after) = await host.SendAsync(HttpMethod.Get, "api/orders/categories", resident.Token);
        var (refused, problem) = await PlaceAsync(resident.Token, code);
        var (onBehalf, onBehalfProblem) = await host.SendAsync(HttpMethod.Post, "api/staff/orders", await host.StaffAsync(), new
        {
            onBehalfOf = "孙奶奶",
            category = code,
            title = "旧家电回收",
            details = "家里有一台旧冰箱需要回收。",
            place = new { orgId = OrdersFixture.Community, address = "5 栋 101" },
            wantedFrom = host.Clock.GetUtcNow().AddHours(2),
            wantedTo = host.Clock.GetUtcNow().AddDays(1),
            contact = new { name = "孙奶奶", phone = "027-88886666" },
        });
        var (team, teamProblem) = await host.SendAsync(HttpMethod.Post, "api/staff/teams", await host.StaffAsync(), new { name = "回收服务队", kind = "volunteer_team", orgId = OrdersFixture.Street, leaderIds = new[] { resident.Id }, categories = new[] { code } });
        var (_, kept) = await host.ReadAsync(resident.Token, order.GetProperty("id").GetString()!);

        Assert.Equal(("旧物回收", "旧衣物、旧家电回收"), (offered.GetProperty("label").GetString(), offered.GetProperty("description").GetString()));
        Assert.True(placed == 201, order.ToString());
        Assert.Equal((code, "旧物回收"), (order.GetProperty("category").GetString(), order.GetProperty("categoryLabel").GetString()));
        Assert.False(retired.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code).GetProperty("active").GetBoolean());
        Assert.DoesNotContain(after.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == code);
        Assert.Contains(after.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == "digital_help");
        Assert.Equal((422, "ORDER_CATEGORY_UNAVAILABLE", "该服务类别已停用或不存在，请重新选择"), (refused, problem.GetProperty("code").GetString(), problem.GetProperty("title").GetString()));
        Assert.Equal((422, "ORDER_CATEGORY_UNAVAILABLE"), (onBehalf, onBehalfProblem.GetProperty("code").GetString()));
        Assert.Equal((422, "ORDER_CATEGORY_UNAVAILABLE"), (team, teamProblem.GetProperty("code").GetString()));
        Assert.Equal((code, "旧物回收", "submitted"), (kept.GetProperty("category").GetString(), kept.GetProperty("categoryLabel").GetString(), kept.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task The_administrators_list_holds_retired_entries_and_a_stale_version_is_refused()
    {
        const string code = "e2e_menu_version";
        await SaveAsync(code, new { name = "版本核对", active = false });
        var (listed, list) = await host.SendAsync(HttpMethod.Get, "api/manage/order-categories", functionKey: DevHostFixture.FunctionKey);
        var version = list.GetProperty("version").GetString()!;

        var (current, renamed) = await PutAsync(code, new { name = "版本核对甲", active = false }, version);
        var (stale, problem) = await PutAsync(code, new { name = "版本核对乙", active = false }, version);
        var (_, reread) = await host.SendAsync(HttpMethod.Get, "api/manage/order-categories", functionKey: DevHostFixture.FunctionKey);

        Assert.Equal(200, listed);
        Assert.True(list.GetProperty("stored").GetBoolean());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == code && !c.GetProperty("active").GetBoolean());
        Assert.True(current == 200, renamed.ToString());
        Assert.Equal((409, "CONCURRENT_CHANGE"), (stale, problem.GetProperty("code").GetString()));
        Assert.Equal("版本核对甲", reread.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Elder-Care", "助老", "code")]
    [InlineData("x", "助老", "code")]
    [InlineData("e2e_menu_bad", "Elder care", "name")]
    [InlineData("e2e_menu_bad", "一二三四五六七八九十一二三", "name")]
    public async Task A_bad_code_or_name_is_a_validation_problem_and_changes_nothing(string code, string name, string field)
    {
        var (status, problem) = await PutAsync(code, new { name }, null);
        var (_, list) = await host.SendAsync(HttpMethod.Get, "api/manage/order-categories", functionKey: DevHostFixture.FunctionKey);

        Assert.Equal((400, "VALIDATION_FAILED"), (status, problem.GetProperty("code").GetString()));
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("code").GetString() == code && c.GetProperty("name").GetString() == name);
    }

    private async Task<JsonElement> SaveAsync(string code, object body)
    {
        var (status, menu) = await PutAsync(code, body, null);
        Assert.True(status == 200, menu.ToString());
        return menu;
    }

    private async Task<(int Status, JsonElement Body)> PutAsync(string code, object body, string? ifMatch)
    {
        using var client = host.CreateClient();
        var path = $"api/manage/order-categories/{code}";
        using var request = ApiClient.Request(HttpMethod.Put, path, null, body, DevHostFixture.FunctionKey);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ApiClient.AssertMatchesContract("PUT", path, response, text);
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<(int Status, JsonElement Body)> PlaceAsync(string token, string category) =>
        host.SendAsync(HttpMethod.Post, "api/orders", token, new
        {
            category,
            title = "旧衣物回收",
            details = "家里有几袋旧衣物，想请志愿者帮忙送到回收点。",
            place = new { orgId = OrdersFixture.Community, address = "3 栋 2 单元 501" },
            wantedFrom = host.Clock.GetUtcNow().AddHours(2),
            wantedTo = host.Clock.GetUtcNow().AddDays(2),
            contact = new { name = "孙阿姨", phone = "13800000001" },
        });
}
