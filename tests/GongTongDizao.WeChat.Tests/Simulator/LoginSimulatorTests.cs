using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.WeChat.Tests.Simulator;

public class LoginSimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task An_issued_code_logs_in_once_and_then_answers_40163()
    {
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();
        var issued = fixture.State.IssueLoginCode();

        var session = await client.Code2SessionAsync(issued.Code);
        var reuse = await Assert.ThrowsAsync<WeChatApiException>(() => client.Code2SessionAsync(issued.Code));

        Assert.Equal(issued.OpenId, session.OpenId);
        Assert.Equal(16, Convert.FromBase64String(session.SessionKey).Length);
        Assert.Null(session.UnionId);
        Assert.Equal(WeChatErrorCodes.CodeAlreadyUsed, reuse.ErrCode);
        Assert.NotNull(reuse.Rid);
    }

    [Fact]
    public async Task The_login_code_endpoint_binds_a_code_to_a_chosen_openid()
    {
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        const string openId = "oChosenUser000000000000000A";

        using var response = await http.PostAsJsonAsync("__simulator/login-codes", new { openid = openId });
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        await using var services = fixture.CreateServices();
        var session = await services.GetRequiredService<WeChatClient>().Code2SessionAsync(code);

        Assert.Equal(openId, session.OpenId);
    }

    [Fact]
    public async Task Demo_codes_always_work_and_map_to_a_deterministic_openid()
    {
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();

        var first = await client.Code2SessionAsync("demo-resident");
        var second = await client.Code2SessionAsync("demo-resident");
        var other = await client.Code2SessionAsync("dev-staff");

        Assert.Equal(WeChatSimulator.OpenIdFor("demo-resident"), first.OpenId);
        Assert.Equal(first.OpenId, second.OpenId);
        Assert.NotEqual(first.SessionKey, second.SessionKey);
        Assert.Equal(WeChatSimulator.OpenIdFor("dev-staff"), other.OpenId);
        Assert.NotEqual(first.OpenId, other.OpenId);
        Assert.Matches("^o[A-Za-z0-9_-]{27}$", first.OpenId);
    }

    [Fact]
    public void OpenIdFor_is_pinned_so_seeded_demo_users_keep_matching() =>
        // Computed independently: "o" + base64url(sha256("gongtongdizao-simulator:openid:demo-resident"))[..27].
        Assert.Equal("oZmB0w3t7gLrIKIxtlhoNlIXDC3X", WeChatSimulator.OpenIdFor("demo-resident"));

    [Theory]
    [InlineData("never-issued-code", WeChatErrorCodes.InvalidCode)]
    [InlineData("risky-user-1", WeChatErrorCodes.HighRiskUser)]
    public async Task Unknown_and_high_risk_codes_fail(string code, int errCode)
    {
        await using var services = fixture.CreateServices();

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => services.GetRequiredService<WeChatClient>().Code2SessionAsync(code));

        Assert.Equal(errCode, error.ErrCode);
        Assert.Equal(WeChatErrorClassification.Permanent, error.Classification);
    }

    [Fact]
    public async Task A_wrong_secret_answers_40125()
    {
        await using var services = fixture.CreateServices(o => o.AppSecret = "wrong-secret");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => services.GetRequiredService<WeChatClient>().Code2SessionAsync("demo-resident"));

        Assert.Equal(WeChatErrorCodes.InvalidAppSecret, error.ErrCode);
    }

    [Fact]
    public async Task An_issued_code_expires_after_five_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions { TimeProvider = time, IncludeUnionId = true });
        await using var services = WeChatTestServices.Build(o =>
        {
            o.AppId = simulator.Options.AppId;
            o.AppSecret = simulator.Options.AppSecret;
            o.Token = simulator.Options.Token;
            o.EncodingAesKey = simulator.Options.EncodingAesKey;
            o.BaseAddress = simulator.BaseAddress;
        });
        var client = services.GetRequiredService<WeChatClient>();
        var fresh = simulator.State.IssueLoginCode();
        var stale = simulator.State.IssueLoginCode();

        var session = await client.Code2SessionAsync(fresh.Code);
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<WeChatApiException>(() => client.Code2SessionAsync(stale.Code));

        Assert.NotNull(session.UnionId);
        Assert.Equal(WeChatErrorCodes.InvalidCode, error.ErrCode);
    }
}
