using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.Core;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.EndToEnd.Tests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class ProfileTests(IdentityFixture host)
{
    [Fact]
    public async Task Update_sets_name_community_and_building_and_rejects_a_non_community()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");

        var (ok, me) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = "居民👩‍👧甲", homeCommunityId = "420106001001", buildingId = "420106001001001002" });
        var (street, problem) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = "甲", homeCommunityId = "420106001" });
        var (foreignBuilding, buildingProblem) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = "甲", homeCommunityId = "420106001002", buildingId = "420106001001001002" });

        Assert.Equal(200, ok);
        Assert.Equal("2栋", me.GetProperty("building").GetProperty("name").GetString());
        Assert.Equal(400, street);
        Assert.True(problem.GetProperty("errors").TryGetProperty("homeCommunityId", out _));
        Assert.Equal(400, foreignBuilding);
        Assert.True(buildingProblem.GetProperty("errors").TryGetProperty("buildingId", out _));
    }

    [Theory]
    [InlineData("{\"displayName\":\"\",\"homeCommunityId\":\"420106001001\"}", "displayName")]
    [InlineData("{\"displayName\":\"一二三四五六七八九十一二三四五六七八九十一\",\"homeCommunityId\":\"420106001001\"}", "displayName")]
    [InlineData("{\"displayName\":\"a\\u0007b\",\"homeCommunityId\":\"420106001001\"}", "displayName")]
    [InlineData("{\"displayName\":\"甲\",\"homeCommunityId\":\"420106001001\",\"isAdmin\":true}", "isAdmin")]
    [InlineData("{\"displayName\":5,\"homeCommunityId\":\"420106001001\"}", "displayName")]
    public async Task Bad_profile_input_is_400_with_the_field_named(string json, string field)
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");

        var (status, problem) = await host.SendAsync(HttpMethod.Put, "api/me", token, json);

        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Exactly_twenty_characters_of_emoji_and_CJK_are_accepted()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var name = string.Concat(Enumerable.Repeat("共👍", 10));

        var (status, me) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = name, homeCommunityId = "420106001001" });

        Assert.Equal(200, status);
        Assert.Equal(name, me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Phone_is_stored_encrypted_and_shown_masked()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");

        var (status, me) = await host.SendAsync(HttpMethod.Post, "api/me/phone", token, new { code = PhoneCode("13812341234") });
        var (bad, problem) = await host.SendAsync(HttpMethod.Post, "api/me/phone", token, new { code = "not-a-phone-code" });

        Assert.Equal(200, status);
        Assert.Equal("138****1234", me.GetProperty("phone").GetString());
        var stored = await ReadUserAsync(me.GetProperty("id").GetString()!);
        Assert.DoesNotContain("13812341234", stored, StringComparison.Ordinal);
        Assert.Equal(400, bad);
        Assert.Equal("PHONE_CODE_INVALID", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_phone_code_links_once_and_only_for_the_person_it_was_issued_to()
    {
        var ownerCode = $"dev-{Guid.NewGuid():N}";
        var owner = await host.LoginAsync(ownerCode);
        var other = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var code = host.Services.GetRequiredService<WeChatSimulator>().State.IssuePhoneCode("13811112222", WeChatSimulator.OpenIdFor(ownerCode));

        var (stolen, stolenProblem) = await host.SendAsync(HttpMethod.Post, "api/me/phone", other, new { code });
        var (linked, me) = await host.SendAsync(HttpMethod.Post, "api/me/phone", owner, new { code });
        var (reused, reusedProblem) = await host.SendAsync(HttpMethod.Post, "api/me/phone", owner, new { code });

        Assert.Equal(400, stolen);
        Assert.Equal("PHONE_CODE_INVALID", stolenProblem.GetProperty("code").GetString());
        Assert.Equal(200, linked);
        Assert.Equal("138****2222", me.GetProperty("phone").GetString());
        Assert.Equal(400, reused);
        Assert.Equal("PHONE_CODE_INVALID", reusedProblem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task WeChat_timing_out_while_linking_a_phone_is_503_with_Retry_After_and_stores_nothing()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var simulator = host.Services.GetRequiredService<WeChatSimulator>();
        using var control = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var fault = await control.PostAsJsonAsync(new Uri("__simulator/faults", UriKind.Relative), new { api = "getuserphonenumber", delayMs = 40_000, count = 5 });
        Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
        try
        {
            using var http = host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/me/phone", UriKind.Relative)) { Content = JsonContent.Create(new { code = PhoneCode("13700001111") }) };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request);

            Assert.Equal(503, (int)response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("WECHAT_UNAVAILABLE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            using var cleared = await control.DeleteAsync(new Uri("__simulator/faults", UriKind.Relative));
        }

        var (_, me) = await host.SendAsync(HttpMethod.Get, "api/me", token);
        Assert.Equal(JsonValueKind.Null, me.TryGetProperty("phone", out var phone) ? phone.ValueKind : JsonValueKind.Null);
    }

    [Fact]
    public async Task Privacy_consent_is_recorded_with_its_time()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");

        var (status, me) = await host.SendAsync(HttpMethod.Post, "api/me/privacy-consent", token, new { version = "2026-11" });

        Assert.Equal(200, status);
        Assert.Equal("2026-11", me.GetProperty("privacyConsent").GetProperty("version").GetString());
        Assert.True(me.GetProperty("privacyConsent").GetProperty("acceptedAt").GetDateTimeOffset() > host.Time.GetUtcNow().AddMinutes(-5));
    }

    [Fact]
    public async Task Export_holds_the_profile_and_every_kind_of_record_then_delete_revokes_and_forgets()
    {
        var code = $"dev-{Guid.NewGuid():N}";
        var token = await host.LoginAsync(code);
        await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = "将被删除", homeCommunityId = "420106001001" });
        await host.SendAsync(HttpMethod.Post, "api/me/phone", token, new { code = PhoneCode("13900001111") });

        var (exported, export) = await host.SendAsync(HttpMethod.Get, "api/me/export", token);
        var id = export.GetProperty("profile").GetProperty("id").GetString()!;
        var (deleted, _) = await host.SendAsync(HttpMethod.Delete, "api/me", token);
        var (after, problem) = await host.SendAsync(HttpMethod.Get, "api/me", token);

        Assert.Equal(200, exported);
        Assert.Equal("将被删除", export.GetProperty("profile").GetProperty("displayName").GetString());
        Assert.True(export.GetProperty("records").TryGetProperty("auditTrail", out _));
        Assert.Equal(204, deleted);
        Assert.Equal(401, after);
        Assert.Equal("UNAUTHENTICATED", problem.GetProperty("code").GetString());
        var openId = WeChat.Simulator.WeChatSimulator.OpenIdFor(code);
        Assert.Equal(0, await CountDocumentsContainingAsync(openId));
        Assert.Null(await host.Services.GetRequiredService<UserStore>().FindAsync(id, CancellationToken.None));
    }

    private async Task<string> ReadUserAsync(string id)
    {
        var users = host.Services.GetRequiredService<CosmosClient>().GetContainer(StoreNames.Database, StoreNames.Containers.Users);
        using var response = await users.ReadItemStreamAsync(id, new PartitionKey(id));
        using var reader = new StreamReader(response.Content);
        return await reader.ReadToEndAsync();
    }

    private async Task<int> CountDocumentsContainingAsync(string text)
    {
        var cosmos = host.Services.GetRequiredService<CosmosClient>();
        var count = 0;
        foreach (var container in GongTongDizao.Core.Storage.DataPlaneManifest.Embedded.Cosmos.Containers)
        {
            using var feed = cosmos.GetContainer(StoreNames.Database, container.Name).GetItemQueryStreamIterator(new QueryDefinition("SELECT * FROM c"));
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync();
                using var json = await JsonDocument.ParseAsync(page.Content);
                count += json.RootElement.GetProperty("Documents").EnumerateArray().Count(d => d.GetRawText().Contains(text, StringComparison.Ordinal));
            }
        }

        return count;
    }

    /// <summary>A code from the phone-number button: single-use and valid for 5 minutes, as WeChat's.</summary>
    private string PhoneCode(string number) => host.Services.GetRequiredService<WeChatSimulator>().State.IssuePhoneCode(number);
}
