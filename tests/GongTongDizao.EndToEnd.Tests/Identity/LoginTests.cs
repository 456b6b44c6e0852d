using System.Net.Http.Json;
using System.Text;
using GongTongDizao.DevHost.Seeding;
using GongTongDizao.WeChat.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GongTongDizao.EndToEnd.Tests.Identity;

[Collection(IdentityCollection.Name)]
public sealed class LoginTests(IdentityFixture host)
{
    [Fact]
    public async Task A_demo_code_logs_in_as_the_seeded_resident_and_me_shows_the_home_community()
    {
        var token = await host.LoginAsync(DemoUsers.Resident);

        var (status, me) = await host.SendAsync(HttpMethod.Get, "api/me", token);

        Assert.Equal(200, status);
        Assert.Equal("小林", me.GetProperty("displayName").GetString());
        Assert.Equal("昙华林社区", me.GetProperty("homeCommunity").GetProperty("name").GetString());
        Assert.False(me.TryGetProperty("openId", out _));
    }

    [Fact]
    public async Task A_new_person_gets_an_account_without_a_home_community()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");

        var (status, me) = await host.SendAsync(HttpMethod.Get, "api/me", token);

        Assert.Equal(200, status);
        Assert.False(me.TryGetProperty("homeCommunity", out var community) && community.ValueKind != System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_used_code_is_401_LOGIN_CODE_INVALID()
    {
        var code = await IssueCodeAsync();
        await host.LoginAsync(code);

        var (status, problem) = await host.SendAsync(HttpMethod.Post, "api/auth/login", body: new { code });

        Assert.Equal(401, status);
        Assert.Equal("LOGIN_CODE_INVALID", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_code_is_401_and_a_high_risk_user_is_403()
    {
        var (unknown, problem) = await host.SendAsync(HttpMethod.Post, "api/auth/login", body: new { code = "no-such-code" });
        var (risky, riskyProblem) = await host.SendAsync(HttpMethod.Post, "api/auth/login", body: new { code = "risky-user-1" });

        Assert.Equal(401, unknown);
        Assert.Equal("LOGIN_CODE_INVALID", problem.GetProperty("code").GetString());
        Assert.Equal(403, risky);
        Assert.Equal("WECHAT_USER_BLOCKED", riskyProblem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task WeChat_busy_is_503_with_Retry_After()
    {
        var simulator = host.Services.GetRequiredService<WeChatSimulator>();
        using var client = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var fault = await client.PostAsJsonAsync(new Uri("__simulator/faults", UriKind.Relative), new { api = "jscode2session", errcode = -1, count = 10 });
        Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync());
        try
        {
            using var http = host.CreateClient();
            using var response = await http.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { code = "dev-busy" });

            Assert.Equal(503, (int)response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.Contains("WECHAT_UNAVAILABLE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            using var cleared = await client.DeleteAsync(new Uri("__simulator/faults", UriKind.Relative));
        }
    }

    [Fact]
    public async Task Tampered_expired_foreign_audience_and_alg_none_tokens_are_401()
    {
        var token = await host.LoginAsync(DemoUsers.Resident2);
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.Replace("\"sub\":\"u", "\"sub\":\"x", StringComparison.Ordinal))}.{parts[2]}";
        var algNone = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.";
        var handler = new JsonWebTokenHandler();
        var wrongKey = new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256);
        var foreign = handler.CreateToken(new SecurityTokenDescriptor { Issuer = "https://localhost:7071", Audience = "someone-else", Expires = host.Time.GetUtcNow().UtcDateTime.AddHours(1), SigningCredentials = wrongKey });

        foreach (var bad in new[] { tampered, algNone, foreign, "garbage", string.Empty })
        {
            var (status, problem) = await host.SendAsync(HttpMethod.Get, "api/me", bad);
            Assert.Equal(401, status);
            Assert.Equal("UNAUTHENTICATED", problem.GetProperty("code").GetString());
        }

        var (none, _) = await host.SendAsync(HttpMethod.Get, "api/me");
        Assert.Equal(401, none);
    }

    private async Task<string> IssueCodeAsync()
    {
        var simulator = host.Services.GetRequiredService<WeChatSimulator>();
        using var client = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var response = await client.PostAsJsonAsync(new Uri("__simulator/login-codes", UriKind.Relative), new { openid = $"o-test-{Guid.NewGuid():N}" });
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("code").GetString()!;
    }
}
