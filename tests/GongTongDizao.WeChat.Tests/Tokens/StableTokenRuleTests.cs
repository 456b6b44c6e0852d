using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.WeChat.Tests.Tokens;

/// <summary>
/// doc "获取稳定版接口调用凭据 getStableAccessToken": the caller's IP must be whitelisted (40164), force_refresh is limited to
/// 20 a day and does not refresh again within 30 s; and an errcode of stable_token itself is not "refresh and retry".
/// </summary>
public class StableTokenRuleTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_caller_outside_the_ip_whitelist_gets_40164_and_it_is_permanent()
    {
        var options = new WeChatSimulatorOptions();
        options.WhitelistedIps.Clear();
        options.WhitelistedIps.Add("203.0.113.7");
        await using var simulator = await WeChatSimulator.StartAsync(options);
        await using var services = WeChatTestServices.ForSimulator(simulator);

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => services.GetRequiredService<WeChatAccessTokenProvider>().GetAccessTokenAsync().AsTask());

        Assert.Equal(WeChatErrorCodes.IpNotWhitelisted, error.ErrCode);
        Assert.Contains("not in whitelist", error.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(WeChatErrorClassification.Permanent, error.Classification);
    }

    [Fact]
    public async Task Force_refresh_does_not_refresh_again_within_30_seconds_and_stops_after_20_a_day()
    {
        var time = new FakeTimeProvider(s_start);
        await using var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions { TimeProvider = time });
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };

        var first = await ForceAsync(http, simulator);
        time.Advance(TimeSpan.FromSeconds(10));
        var tooSoon = await ForceAsync(http, simulator);
        time.Advance(TimeSpan.FromSeconds(30));
        var later = await ForceAsync(http, simulator);
        for (var i = 3; i < 20; i++)
        {
            time.Advance(TimeSpan.FromSeconds(31));
            Assert.True((await ForceAsync(http, simulator)).TryGetProperty("access_token", out _));
        }

        time.Advance(TimeSpan.FromSeconds(31));
        var twentyFirst = await ForceAsync(http, simulator);
        time.Advance(TimeSpan.FromDays(1));
        var nextDay = await ForceAsync(http, simulator);

        Assert.Equal(first.GetProperty("access_token").GetString(), tooSoon.GetProperty("access_token").GetString());
        Assert.NotEqual(first.GetProperty("access_token").GetString(), later.GetProperty("access_token").GetString());
        Assert.Equal(45009, twentyFirst.GetProperty("errcode").GetInt32());
        Assert.True(nextDay.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_40001_from_stable_token_itself_is_not_refreshed_and_retried()
    {
        await using var simulator = await WeChatSimulator.StartAsync();
        simulator.State.AddFault(new SimulatorFault(SimulatorApis.StableToken, ErrCode: 40001, Count: 5));
        simulator.State.RecordVisit("oUser0000000000000000000001");
        await using var services = WeChatTestServices.ForSimulator(simulator);

        var error = await Assert.ThrowsAsync<WeChatApiException>(() =>
            services.GetRequiredService<WeChatClient>().CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "你好")));

        Assert.Equal(40001, error.ErrCode);
        Assert.Equal("stable_token", error.Api);
        Assert.Equal(WeChatErrorClassification.Permanent, error.Classification);
        Assert.Equal(1, simulator.State.Stats.CallsTo(SimulatorApis.StableToken));
        Assert.Equal(0, simulator.State.Stats.CallsTo(SimulatorApis.MsgSecCheck));
    }

    private static async Task<JsonElement> ForceAsync(HttpClient http, WeChatSimulator simulator)
    {
        using var response = await http.PostAsJsonAsync("cgi-bin/stable_token", new
        {
            grant_type = "client_credential", appid = simulator.Options.AppId, secret = simulator.Options.AppSecret, force_refresh = true,
        });
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
