using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.WeChat.Tests.Simulator;

/// <summary>Another host (like the DevHost) can mount the simulator under a prefix.</summary>
public class SimulatorMountingTests
{
    [Fact]
    public async Task The_simulator_works_when_mounted_under_a_prefix_in_another_host()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddWeChatSimulator(o => o.AppSecret = "mounted-secret");
        await using var app = builder.Build();
        app.MapGet("/api/health", () => "ok");
        app.MapWeChatSimulator("/wechat-sim");
        await app.StartAsync();
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var state = app.Services.GetRequiredService<WeChatSimulatorState>();
        await using var services = WeChatTestServices.Build(o =>
        {
            o.AppId = state.Options.AppId;
            o.AppSecret = "mounted-secret";
            o.Token = state.Options.Token;
            o.EncodingAesKey = state.Options.EncodingAesKey;
            o.BaseAddress = new Uri(root + "/wechat-sim/");
        });

        var session = await services.GetRequiredService<WeChatClient>().Code2SessionAsync("demo-mounted");
        var check = await services.GetRequiredService<WeChatClient>().CheckTextAsync(new TextCheckRequest(session.OpenId, "你好"));

        Assert.Equal(WeChatSimulator.OpenIdFor("demo-mounted"), session.OpenId);
        Assert.Equal(ContentSuggest.Pass, check.Suggest);
        Assert.Equal(1, state.Stats.CallsTo(SimulatorApis.StableToken));
        await app.StopAsync();
    }

    [Fact]
    public async Task Text_checks_require_version_2()
    {
        await using var simulator = await WeChatSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        using var tokenResponse = await http.PostAsJsonAsync("cgi-bin/stable_token", new
        {
            grant_type = "client_credential", appid = simulator.Options.AppId, secret = simulator.Options.AppSecret,
        });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        using var v1 = await http.PostAsJsonAsync($"wxa/msg_sec_check?access_token={Uri.EscapeDataString(token)}", new { content = "hi" });

        Assert.Equal(40097, (await v1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errcode").GetInt32());
    }
}
