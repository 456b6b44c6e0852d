using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Canned;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.Phone;

/// <summary>
/// doc "获取不限制的小程序码 getUnlimitedQRCode": page without a leading '/' and without query, check_path on by default
/// (the page must be released), width 280 to 1280; codes of trial and develop builds use check_path false.
/// </summary>
public class QrCodeRuleTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("/pages/topics/detail")]
    [InlineData("pages/topics/detail?id=1")]
    public async Task The_client_refuses_a_page_with_a_leading_slash_or_a_query(string page)
    {
        await using var services = fixture.CreateServices();

        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<WeChatClient>().GetUnlimitedQrCodeAsync(
            new UnlimitedQrCodeRequest("t=1") { Page = page }));
    }

    [Theory]
    [InlineData("/pages/topics/detail")]
    [InlineData("pages/topics/detail?id=1")]
    public async Task The_simulator_answers_41030_for_them_instead_of_fixing_them(string page)
    {
        var body = await PostAsync(new { scene = "t=1", page });

        Assert.Equal(41030, body.GetProperty("errcode").GetInt32());
    }

    [Theory]
    [InlineData(279)]
    [InlineData(1281)]
    public async Task Width_is_280_to_1280_on_both_sides(int width)
    {
        await using var services = fixture.CreateServices();

        await Assert.ThrowsAsync<ArgumentException>(() => services.GetRequiredService<WeChatClient>().GetUnlimitedQrCodeAsync(
            new UnlimitedQrCodeRequest("t=1") { Width = width }));
        Assert.NotEqual(0, (await PostAsync(new { scene = "t=1", width })).GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task A_default_simulator_checks_pages()
    {
        await using var simulator = await WeChatSimulator.StartAsync();
        await using var services = WeChatTestServices.ForSimulator(simulator);
        var client = services.GetRequiredService<WeChatClient>();

        var released = await client.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest("t=1") { Page = "pages/topics/detail" });
        var unreleased = await Assert.ThrowsAsync<WeChatApiException>(() =>
            client.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest("t=1") { Page = "pages/not/released" }));
        var notChecked = await client.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest("t=1") { Page = "pages/not/released", CheckPath = false });

        Assert.True(simulator.Options.ValidatePages);
        Assert.Equal("image/png", released.ContentType);
        Assert.Equal(WeChatErrorCodes.InvalidPage, unreleased.ErrCode);
        Assert.Equal("image/png", notChecked.ContentType);
    }

    [Theory]
    [InlineData(WeChatMiniProgramState.Trial, "trial", false)]
    [InlineData(WeChatMiniProgramState.Developer, "develop", false)]
    [InlineData(WeChatMiniProgramState.Formal, "release", true)]
    public async Task Trial_and_develop_codes_are_made_with_check_path_false(WeChatMiniProgramState state, string envVersion, bool checkPath)
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/getwxacodeunlimit", _ => new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]) { Headers = { ContentType = new("image/png") } },
        });

        await canned.Client.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest("t=1") { Page = "pages/topics/detail", EnvVersion = state });

        var body = Assert.Single(canned.Stub.RequestsTo("/wxa/getwxacodeunlimit")).Json();
        Assert.Equal(envVersion, body.GetProperty("env_version").GetString());
        Assert.Equal(checkPath, body.GetProperty("check_path").GetBoolean());
    }

    [Fact]
    public async Task A_scene_with_characters_outside_the_documented_set_is_40129()
    {
        var body = await PostAsync(new { scene = "t=中" });

        Assert.Equal(40129, body.GetProperty("errcode").GetInt32());
    }

    private async Task<JsonElement> PostAsync(object body)
    {
        await using var services = fixture.CreateServices();
        var token = await services.GetRequiredService<WeChatAccessTokenProvider>().GetAccessTokenAsync();
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        using var response = await http.PostAsJsonAsync($"wxa/getwxacodeunlimit?access_token={Uri.EscapeDataString(token)}", body);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
