using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.Phone;

public class PhoneAndQrSimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("13800138000")]
    [InlineData("13800138001")]
    public async Task Phone_codes_resolve_to_their_number_with_countryCode_as_number_or_string(string number)
    {
        await using var services = fixture.CreateServices();
        var code = fixture.State.IssuePhoneCode(number);

        var phone = await services.GetRequiredService<WeChatClient>().GetPhoneNumberAsync(code);

        Assert.Equal(number, phone.PhoneNumber);
        Assert.Equal(phone.PhoneNumber, phone.PurePhoneNumber);
        Assert.Equal("86", phone.CountryCode);
        Assert.NotNull(phone.WatermarkTimestamp);
    }

    [Fact]
    public async Task Phone_code_from_wx_login_is_40029()
    {
        await using var services = fixture.CreateServices();

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => services.GetRequiredService<WeChatClient>().GetPhoneNumberAsync("demo-resident"));

        Assert.Equal(WeChatErrorCodes.InvalidCode, error.ErrCode);
    }

    [Fact]
    public async Task Qr_code_is_a_png()
    {
        await using var services = fixture.CreateServices();

        var image = await services.GetRequiredService<WeChatClient>().GetUnlimitedQrCodeAsync(
            new UnlimitedQrCodeRequest("t=123") { Page = "pages/topics/detail" });

        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Content[..4].ToArray());
    }

    [Fact]
    public async Task Qr_code_for_an_unreleased_page_is_a_json_error()
    {
        await using var services = fixture.CreateServices();

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => services.GetRequiredService<WeChatClient>().GetUnlimitedQrCodeAsync(
            new UnlimitedQrCodeRequest("t=123") { Page = "pages/secret/index" }));

        Assert.Equal(WeChatErrorCodes.InvalidPage, error.ErrCode);
    }

    [Fact]
    public async Task Qr_code_rate_limit_is_retry_later()
    {
        await using var services = fixture.CreateServices();
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.GetUnlimitedQrCode, ErrCode: 45009));

        var error = await Assert.ThrowsAsync<WeChatApiException>(() =>
            services.GetRequiredService<WeChatClient>().GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest("t=9")));

        Assert.Equal(WeChatErrorClassification.RetryLater, error.Classification);
    }

    [Fact]
    public async Task The_simulator_rejects_a_scene_over_32_characters_with_json()
    {
        await using var services = fixture.CreateServices();
        var token = await services.GetRequiredService<WeChatAccessTokenProvider>().GetAccessTokenAsync();
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };

        using var response = await http.PostAsJsonAsync($"wxa/getwxacodeunlimit?access_token={Uri.EscapeDataString(token)}", new { scene = new string('s', 33) });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Equal(40169, body.GetProperty("errcode").GetInt32());
    }
}
