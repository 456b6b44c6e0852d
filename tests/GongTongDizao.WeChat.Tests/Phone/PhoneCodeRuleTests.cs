using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Canned;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.WeChat.Tests.Phone;

/// <summary>
/// doc "手机号快速验证 getPhoneNumber": 每个 code 只能使用一次,code 的有效期为 5min; the optional openid lets WeChat refuse
/// a code that was issued to someone else.
/// </summary>
public class PhoneCodeRuleTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task A_phone_code_works_once()
    {
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();
        var code = fixture.State.IssuePhoneCode("13800138000");

        var phone = await client.GetPhoneNumberAsync(code);
        var again = await Assert.ThrowsAsync<WeChatApiException>(() => client.GetPhoneNumberAsync(code));

        Assert.Equal("13800138000", phone.PhoneNumber);
        Assert.Equal(WeChatErrorCodes.InvalidCode, again.ErrCode);
        Assert.Equal(WeChatErrorClassification.Permanent, again.Classification);
    }

    [Fact]
    public async Task A_phone_code_expires_after_five_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions { TimeProvider = time });
        await using var services = WeChatTestServices.ForSimulator(simulator);
        var client = services.GetRequiredService<WeChatClient>();
        var fresh = simulator.State.IssuePhoneCode("13800138000");
        var stale = simulator.State.IssuePhoneCode("13800138002");

        time.Advance(TimeSpan.FromMinutes(4));
        var inTime = await client.GetPhoneNumberAsync(fresh);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var late = await Assert.ThrowsAsync<WeChatApiException>(() => client.GetPhoneNumberAsync(stale));

        Assert.Equal("13800138000", inTime.PhoneNumber);
        Assert.Equal(WeChatErrorCodes.InvalidCode, late.ErrCode);
    }

    [Fact]
    public async Task A_code_issued_to_someone_else_is_refused_when_the_openid_is_sent()
    {
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();
        var code = fixture.State.IssuePhoneCode("13800138000", openId: "oOwner000000000000000000001");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => client.GetPhoneNumberAsync(code, "oIntruder0000000000000000001"));
        var owner = await client.GetPhoneNumberAsync(code, "oOwner000000000000000000001");

        Assert.Equal(WeChatErrorCodes.InvalidCode, error.ErrCode);
        Assert.Equal("13800138000", owner.PhoneNumber);
    }

    [Fact]
    public async Task The_client_sends_the_openid_with_the_code()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/business/getuserphonenumber",
            """{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13800138000","purePhoneNumber":"13800138000","countryCode":"86","watermark":{"timestamp":1700000000,"appid":"APPID"}}}""".Replace("APPID", TestValues.AppId, StringComparison.Ordinal));

        await canned.Client.GetPhoneNumberAsync("code-1", "oUser0000000000000000000001");
        await canned.Client.GetPhoneNumberAsync("code-2");

        var bodies = canned.Stub.RequestsTo("/wxa/business/getuserphonenumber").Select(r => r.Json()).ToList();
        Assert.Equal("oUser0000000000000000000001", bodies[0].GetProperty("openid").GetString());
        Assert.Equal("code-1", bodies[0].GetProperty("code").GetString());
        Assert.False(bodies[1].TryGetProperty("openid", out _));
    }

    [Fact]
    public async Task Codes_can_be_issued_over_http_for_out_of_process_callers()
    {
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "__simulator/phone-codes", new { phoneNumber = "13900001111" });
        var issued = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        await using var services = fixture.CreateServices();

        var phone = await services.GetRequiredService<WeChatClient>().GetPhoneNumberAsync(issued.GetProperty("code").GetString()!);

        Assert.Equal("13900001111", phone.PhoneNumber);
        Assert.Equal(300, issued.GetProperty("expiresIn").GetInt32());
    }
}
