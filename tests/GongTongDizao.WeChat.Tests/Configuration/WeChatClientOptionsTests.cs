using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat.Tests.Configuration;

public class WeChatClientOptionsTests
{
    private static ValidateOptionsResult Validate(Action<WeChatClientOptions> change)
    {
        var options = new WeChatClientOptions();
        TestValues.Apply(options);
        change(options);
        return new WeChatClientOptionsValidator().Validate(null, options);
    }

    [Fact]
    public void Valid_options_pass() => Assert.True(Validate(_ => { }).Succeeded);

    [Theory]
    [InlineData("")]
    [InlineData("wx123")]
    [InlineData("WX0123456789abcdef")]
    [InlineData("wx0123456789ABCDEF")]
    [InlineData("wx0123456789abcdeg")]
    public void AppId_must_be_wx_and_16_lower_hex(string appId)
    {
        var result = Validate(o => o.AppId = appId);
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("AppId", StringComparison.Ordinal));
    }

    [Fact]
    public void AppSecret_is_required()
    {
        var result = Validate(o => o.AppSecret = " ");
        Assert.Contains(result.Failures!, f => f.Contains("wechat-app-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Safe_mode_requires_an_EncodingAesKey_but_plain_mode_does_not()
    {
        Assert.True(Validate(o => o.EncodingAesKey = null).Failed);
        Assert.True(Validate(o =>
        {
            o.EncodingAesKey = null;
            o.PushMode = WeChatPushMode.Plain;
        }).Succeeded);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH")]
    public void EncodingAesKey_must_have_43_characters(string key) =>
        Assert.Contains(Validate(o => o.EncodingAesKey = key).Failures!, f => f.Contains("43", StringComparison.Ordinal));

    [Fact]
    public void Plain_http_is_only_allowed_towards_loopback()
    {
        Assert.True(Validate(o => o.BaseAddress = new Uri("http://api.weixin.qq.com/")).Failed);
        Assert.True(Validate(o => o.BaseAddress = new Uri("http://127.0.0.1:5001/")).Succeeded);
    }

    [Fact]
    public void Binds_from_the_WeChat_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:AppId"] = TestValues.AppId,
            ["WeChat:AppSecret"] = TestValues.AppSecret,
            ["WeChat:Token"] = TestValues.Token,
            ["WeChat:EncodingAesKey"] = TestValues.EncodingAesKey,
            ["WeChat:PushMode"] = "Compatible",
            ["WeChat:MiniProgramState"] = "trial",
            ["WeChat:BaseAddress"] = "http://127.0.0.1:7071/",
            ["WeChat:Templates:letterReplied"] = "tmpl-abc",
        }).Build();
        var services = new ServiceCollection();
        services.AddWeChatClient(configuration.GetSection(WeChatClientOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WeChatClientOptions>>().Value;

        Assert.Equal(TestValues.AppId, options.AppId);
        Assert.Equal(WeChatPushMode.Compatible, options.PushMode);
        Assert.Equal(WeChatMiniProgramState.Trial, options.MiniProgramState);
        Assert.Equal(new Uri("http://127.0.0.1:7071/"), options.BaseAddress);
        Assert.Equal("tmpl-abc", options.Templates["LetterReplied"]);
    }

    [Fact]
    public void Invalid_options_fail_at_start()
    {
        var services = new ServiceCollection();
        services.AddWeChatClient(o => o.AppId = "not-an-app-id");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.Contains("AppId", StringComparison.Ordinal));
    }
}
