using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.Subscribe;

/// <summary>
/// The value rules of doc "发送订阅消息 sendMessage" (订阅消息参数值内容限制说明) that the client and the simulator once got
/// wrong: amount (a currency symbol and at most 10 digits), name (no digits), car_number (a plate), number (no sign).
/// The client refuses such values before sending; the simulator answers 47003 as WeChat does.
/// </summary>
public class SubscribeValueRuleTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<string, string> Invalid => new()
    {
        { "amount1", "¥12345678901" },        // 11 digits
        { "amount1", "¥123456789012.50" },    // 12 digits
        { "name1", "张三3" },                  // digits are not Chinese characters, letters or symbols
        { "name1", "Agent007" },
        { "car_number1", "粤A-8Z88" },         // '-' is neither letter nor digit
        { "car_number1", "粤粤A8Z88" },        // Chinese only first and last
        { "car_number1", "粤A8Z8888挂" },      // 9 characters
        { "number1", "-12" },                 // digits with an optional decimal point, no sign
        { "number1", "+3.5" },
        { "number1", "1,000" },
    };

    public static TheoryData<string, string> Valid => new()
    {
        { "amount1", "¥1234567890" },
        { "amount1", "¥1234567890.55" },
        { "amount1", "100元" },
        { "name1", "阿卜杜·热合曼" },
        { "name1", "Anna-Maria" },
        { "car_number1", "粤A8Z888挂" },
        { "car_number1", "京A12345" },
        { "number1", "12" },
        { "number1", "3.14" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void The_client_refuses_values_WeChat_would_reject(string keyword, string value)
    {
        var template = new SubscribeMessageTemplate("t", "tmpl-test-000001", [SubscribeKeyword.FromName(keyword)]);

        var error = Assert.Throws<SubscribeMessageDataException>(() => template.CreateData().Set(keyword, value));

        Assert.Equal(keyword, error.Keyword);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void The_client_keeps_valid_values(string keyword, string value)
    {
        var template = new SubscribeMessageTemplate("t", "tmpl-test-000001", [SubscribeKeyword.FromName(keyword)]);

        Assert.Equal(value, template.CreateData().Set(keyword, value).Build().Values[keyword]);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task The_simulator_answers_47003_for_them(string keyword, string value)
    {
        var result = await SendUncheckedAsync(keyword, value);

        Assert.Equal(SubscribeSendOutcome.InvalidData, result.Outcome);
        Assert.Equal(keyword, result.InvalidField);
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task The_simulator_accepts_valid_values(string keyword, string value) =>
        Assert.Equal(SubscribeSendOutcome.Sent, (await SendUncheckedAsync(keyword, value)).Outcome);

    [Theory]
    [InlineData("待受理")]
    [InlineData("已答复")]
    [InlineData("已办结")]
    [InlineData("有更新")]
    public async Task Phrases_of_our_templates_pass_both_sides(string phrase)
    {
        var template = new SubscribeMessageTemplate("t", "tmpl-test-000001", [SubscribeKeyword.FromName("phrase2")]);

        Assert.Equal(phrase, template.CreateData().Set("phrase2", phrase).Build().Values["phrase2"]);
        Assert.Equal(SubscribeSendOutcome.Sent, (await SendUncheckedAsync("phrase2", phrase)).Outcome);
    }

    private async Task<SubscribeSendResult> SendUncheckedAsync(string keyword, string value)
    {
        var openId = WeChatSimulator.OpenIdFor("demo-value-rules");
        fixture.State.GrantQuota(openId, SimulatorFixture.LetterTemplateId);
        await using var services = fixture.CreateServices();
        var data = SubscribeMessageData.CreateUnchecked(new Dictionary<string, string> { [keyword] = value });
        return await services.GetRequiredService<WeChatClient>().SendSubscribeMessageAsync(new SubscribeMessage(openId, SimulatorFixture.LetterTemplateId, data));
    }
}
