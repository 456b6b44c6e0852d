using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.Subscribe;

public class SubscribeSimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IAsyncLifetime
{
    private static readonly SubscribeMessageTemplate s_letter = new("letterReplied", SimulatorFixture.LetterTemplateId,
        [SubscribeKeyword.FromName("thing1"), SubscribeKeyword.FromName("time2"), SubscribeKeyword.FromName("phrase3")],
        "pages/letters/detail");

    private ServiceProvider _services = null!;

    private WeChatClient Client => _services.GetRequiredService<WeChatClient>();

    public Task InitializeAsync()
    {
        fixture.State.Reset();
        _services = fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static SubscribeMessage MessageTo(string openId) => SubscribeMessage.Create(s_letter, openId,
        s_letter.CreateData().Set("thing1", "您的来信已有答复").Set("time2", DateTimeOffset.UnixEpoch).Set("phrase3", "已答复").Build(), "id=42");

    [Fact]
    public async Task A_send_with_quota_returns_the_msgid_and_consumes_one_unit()
    {
        var openId = WeChatSimulator.OpenIdFor("demo-subscriber");
        fixture.State.GrantQuota(openId, SimulatorFixture.LetterTemplateId, count: 1);

        var first = await Client.SendSubscribeMessageAsync(MessageTo(openId));
        var second = await Client.SendSubscribeMessageAsync(MessageTo(openId));

        Assert.Equal(SubscribeSendOutcome.Sent, first.Outcome);
        Assert.False(string.IsNullOrEmpty(first.MsgId));
        Assert.Equal(SubscribeSendOutcome.NoQuota, second.Outcome);
        var sent = Assert.Single(fixture.State.SentMessages);
        Assert.Equal(first.MsgId, sent.MsgId);
        Assert.Equal(openId, sent.ToOpenId);
        Assert.Equal("pages/letters/detail?id=42", sent.Page);
        Assert.Equal("1970年1月1日 08:00", sent.Data["time2"]);
        Assert.Equal("formal", sent.MiniProgramState);
    }

    [Fact]
    public async Task Without_quota_the_send_is_refused_with_43101()
    {
        var result = await Client.SendSubscribeMessageAsync(MessageTo(WeChatSimulator.OpenIdFor("demo-no-quota")));

        Assert.Equal(SubscribeSendOutcome.NoQuota, result.Outcome);
        Assert.Equal(43101, result.ErrCode);
        Assert.NotNull(result.Rid);
        Assert.Empty(fixture.State.SentMessages);
    }

    [Fact]
    public async Task Invalid_data_is_47003_naming_the_field()
    {
        var openId = WeChatSimulator.OpenIdFor("demo-invalid-data");
        fixture.State.GrantQuota(openId, SimulatorFixture.LetterTemplateId);
        var tooLong = SubscribeMessageData.CreateUnchecked(new Dictionary<string, string>
        {
            ["thing1"] = new('长', 21),
            ["time2"] = "15:01",
        });

        var result = await Client.SendSubscribeMessageAsync(new SubscribeMessage(openId, SimulatorFixture.LetterTemplateId, tooLong));

        Assert.Equal(SubscribeSendOutcome.InvalidData, result.Outcome);
        Assert.Equal("thing1", result.InvalidField);
        Assert.Contains("data.thing1.value", result.ErrMsg, StringComparison.Ordinal);
        Assert.Equal(1, fixture.State.GetRemainingQuota(openId, SimulatorFixture.LetterTemplateId));
    }

    [Fact]
    public async Task An_unknown_template_is_40037()
    {
        var message = MessageTo(WeChatSimulator.OpenIdFor("demo-x")) with { TemplateId = "tmpl-not-configured-9" };

        Assert.Equal(SubscribeSendOutcome.InvalidTemplateId, (await Client.SendSubscribeMessageAsync(message)).Outcome);
    }

    [Fact]
    public async Task An_unreleased_page_is_41030()
    {
        var message = MessageTo(WeChatSimulator.OpenIdFor("demo-x")) with { Page = "pages/unreleased/index?id=1" };

        Assert.Equal(SubscribeSendOutcome.InvalidPage, (await Client.SendSubscribeMessageAsync(message)).Outcome);
    }

    [Fact]
    public async Task A_malformed_openid_is_40003()
    {
        Assert.Equal(SubscribeSendOutcome.InvalidOpenId, (await Client.SendSubscribeMessageAsync(MessageTo("not an openid!"))).Outcome);
    }

    [Fact]
    public async Task The_daily_limit_is_45009()
    {
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, ErrCode: 45009));

        var result = await Client.SendSubscribeMessageAsync(MessageTo(WeChatSimulator.OpenIdFor("demo-x")));

        Assert.Equal(SubscribeSendOutcome.DailyLimitReached, result.Outcome);
    }

    [Fact]
    public async Task System_busy_on_a_send_throws_and_is_not_repeated()
    {
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, ErrCode: -1));

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => Client.SendSubscribeMessageAsync(MessageTo(WeChatSimulator.OpenIdFor("demo-x"))));

        Assert.Equal(WeChatErrorClassification.RetryNow, error.Classification);
        Assert.Equal(1, fixture.State.Stats.CallsTo(SimulatorApis.SubscribeSend));
    }

    [Fact]
    public async Task A_send_that_times_out_is_not_repeated_because_WeChat_still_delivers_it()
    {
        await using var impatient = fixture.CreateServices(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.TotalTimeout = TimeSpan.FromSeconds(2);
        });
        var openId = WeChatSimulator.OpenIdFor("demo-slow");
        fixture.State.GrantQuota(openId, SimulatorFixture.LetterTemplateId, count: 5);
        // Fetch the token first so that only the send is slow.
        await impatient.GetRequiredService<WeChatAccessTokenProvider>().GetAccessTokenAsync();
        fixture.State.AddFault(new SimulatorFault(SimulatorApis.SubscribeSend, DelayMs: 1000));

        await Assert.ThrowsAsync<TimeoutException>(() => impatient.GetRequiredService<WeChatClient>().SendSubscribeMessageAsync(MessageTo(openId)));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (fixture.State.SentMessages.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Single(fixture.State.SentMessages);
        Assert.Equal(1, fixture.State.Stats.CallsTo(SimulatorApis.SubscribeSend));
        Assert.Equal(4, fixture.State.GetRemainingQuota(openId, SimulatorFixture.LetterTemplateId));
    }

    [Fact]
    public async Task Quota_can_be_granted_and_sent_messages_inspected_over_http()
    {
        using var http = new HttpClient { BaseAddress = fixture.Simulator.BaseAddress };
        var openId = WeChatSimulator.OpenIdFor("demo-http");

        using var grant = await http.PostAsJsonAsync("__simulator/quota", new { openid = openId, templateId = SimulatorFixture.LetterTemplateId, count = 2 });
        await Client.SendSubscribeMessageAsync(MessageTo(openId));
        var sent = await http.GetFromJsonAsync<JsonElement>($"__simulator/sent?openid={openId}");

        Assert.Equal(2, (await grant.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remaining").GetInt32());
        var message = Assert.Single(sent.EnumerateArray());
        Assert.Equal(SimulatorFixture.LetterTemplateId, message.GetProperty("templateId").GetString());
        Assert.Equal("已答复", message.GetProperty("data").GetProperty("phrase3").GetString());
    }

    [Fact]
    public async Task A_long_term_subscription_is_not_used_up()
    {
        var openId = WeChatSimulator.OpenIdFor("demo-long-term");
        fixture.State.GrantQuota(openId, SimulatorFixture.LetterTemplateId, count: 0, longTerm: true);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Client.SendSubscribeMessageAsync(MessageTo(openId))).IsSent);
        }
    }
}
