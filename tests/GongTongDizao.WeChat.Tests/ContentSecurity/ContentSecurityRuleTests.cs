using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.WeChat.Tests.ContentSecurity;

/// <summary>
/// Content security v2 as documented (doc "文本内容安全识别 msgSecCheck", "多媒体内容安全识别 mediaCheckAsync"): the openid
/// must have used the mini-program in the last two hours (61010 otherwise), scene is 1 to 4 (40129 otherwise), and our
/// media URLs are https.
/// </summary>
public class ContentSecurityRuleTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task An_openid_that_never_used_the_mini_program_is_61010_and_a_login_makes_it_good()
    {
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();
        var issued = fixture.State.IssueLoginCode();

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => client.CheckTextAsync(new TextCheckRequest(issued.OpenId, "你好")));
        await client.Code2SessionAsync(issued.Code);
        var result = await client.CheckTextAsync(new TextCheckRequest(issued.OpenId, "你好"));

        Assert.Equal(WeChatErrorCodes.UserVisitExpired, error.ErrCode);
        Assert.Equal(WeChatErrorClassification.Permanent, error.Classification);
        Assert.Equal(ContentSuggest.Pass, result.Suggest);
    }

    [Fact]
    public async Task Two_hours_after_the_last_visit_text_and_media_checks_are_61010()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var simulator = await WeChatSimulator.StartAsync(new WeChatSimulatorOptions { TimeProvider = time });
        await using var services = WeChatTestServices.ForSimulator(simulator);
        var client = services.GetRequiredService<WeChatClient>();
        var session = await client.Code2SessionAsync("demo-visit-window");

        time.Advance(TimeSpan.FromMinutes(119));
        var within = await client.CheckTextAsync(new TextCheckRequest(session.OpenId, "你好"));
        time.Advance(TimeSpan.FromMinutes(2));
        var text = await Assert.ThrowsAsync<WeChatApiException>(() => client.CheckTextAsync(new TextCheckRequest(session.OpenId, "你好")));
        var media = await Assert.ThrowsAsync<WeChatApiException>(() =>
            client.SubmitMediaCheckAsync(new MediaCheckRequest(new Uri("https://blob.test/a.jpg"), session.OpenId)));

        Assert.Equal(ContentSuggest.Pass, within.Suggest);
        Assert.Equal(61010, text.ErrCode);
        Assert.Equal(61010, media.ErrCode);
    }

    [Theory]
    [InlineData("wxa/msg_sec_check", 0)]
    [InlineData("wxa/msg_sec_check", 5)]
    [InlineData("wxa/media_check_async", 9)]
    public async Task A_bad_scene_is_40129(string path, int scene)
    {
        var body = await PostAsync(path, new
        {
            version = 2, scene, openid = SimulatorFixture.ActiveOpenId, content = "你好", media_url = "https://blob.test/a.jpg", media_type = 2,
        });

        Assert.Equal(40129, body.GetProperty("errcode").GetInt32());
        Assert.Equal(40129, WeChatErrorCodes.InvalidScene);
    }

    [Fact]
    public async Task The_client_refuses_an_undefined_scene_before_calling()
    {
        await using var services = fixture.CreateServices();
        var client = services.GetRequiredService<WeChatClient>();
        var before = fixture.State.Stats;

        await Assert.ThrowsAsync<ArgumentException>(() => client.CheckTextAsync(new TextCheckRequest(SimulatorFixture.ActiveOpenId, "你好", (ContentCheckScene)5)));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.SubmitMediaCheckAsync(new MediaCheckRequest(new Uri("https://blob.test/a.jpg"), SimulatorFixture.ActiveOpenId, (ContentCheckScene)0)));

        Assert.Equal(before.CallsTo(SimulatorApis.MsgSecCheck), fixture.State.Stats.CallsTo(SimulatorApis.MsgSecCheck));
        Assert.Equal(before.CallsTo(SimulatorApis.MediaCheckAsync), fixture.State.Stats.CallsTo(SimulatorApis.MediaCheckAsync));
    }

    [Fact]
    public async Task Media_urls_are_https_on_both_sides()
    {
        await using var services = fixture.CreateServices();

        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<WeChatClient>().SubmitMediaCheckAsync(
            new MediaCheckRequest(new Uri("http://example.blob.core.windows.net/uploads/a.jpg"), SimulatorFixture.ActiveOpenId)));
        var http = await PostAsync("wxa/media_check_async", new
        {
            version = 2, scene = 3, openid = SimulatorFixture.ActiveOpenId, media_url = "http://example.blob.core.windows.net/uploads/a.jpg", media_type = 2,
        });
        var loopback = await PostAsync("wxa/media_check_async", new
        {
            version = 2, scene = 3, openid = SimulatorFixture.ActiveOpenId, media_url = "http://127.0.0.1:10000/devstoreaccount1/uploads/a.jpg", media_type = 2,
        });

        Assert.NotEqual(0, http.GetProperty("errcode").GetInt32());
        Assert.Equal(0, loopback.GetProperty("errcode").GetInt32());
        Assert.False(new WeChatSimulatorOptions().AllowInsecureMediaUrls);
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        fixture.RecordVisit();
        await using var services = fixture.CreateServices();
        var token = await services.GetRequiredService<WeChatAccessTokenProvider>().GetAccessTokenAsync();
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        using var response = await http.PostAsJsonAsync($"{path}?access_token={Uri.EscapeDataString(token)}", body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
