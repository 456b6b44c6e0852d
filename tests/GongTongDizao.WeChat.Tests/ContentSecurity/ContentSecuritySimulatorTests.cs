using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.ContentSecurity;

public class ContentSecuritySimulatorTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string OpenId = "oUser0000000000000000000001";

    [Theory]
    [InlineData("今天社区的梧桐树修剪得很好", null, ContentSuggest.Pass, 100)]
    [InlineData("这段话里有违禁词", null, ContentSuggest.Risky, 20001)]
    [InlineData("加微信赚钱，日入过万", null, ContentSuggest.Risky, 10001)]
    [InlineData("请管理员看看 review-word", null, ContentSuggest.Review, 21000)]
    [InlineData("正文没有问题", "标题有违禁词", ContentSuggest.Risky, 20001)]
    public async Task Text_verdicts_follow_the_configured_words(string content, string? title, ContentSuggest suggest, int label)
    {
        await using var services = fixture.CreateServices();

        var result = await services.GetRequiredService<WeChatClient>().CheckTextAsync(new TextCheckRequest(OpenId, content) { Title = title });

        Assert.Equal(suggest, result.Suggest);
        Assert.Equal(label, result.Label);
        Assert.False(string.IsNullOrEmpty(result.TraceId));
    }

    [Fact]
    public async Task Text_longer_than_2500_characters_is_refused_before_calling()
    {
        await using var services = fixture.CreateServices();
        var before = fixture.State.Stats.CallsTo(SimulatorApis.MsgSecCheck);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            services.GetRequiredService<WeChatClient>().CheckTextAsync(new TextCheckRequest(OpenId, new string('字', 2501))));

        Assert.Equal(before, fixture.State.Stats.CallsTo(SimulatorApis.MsgSecCheck));
    }

    [Theory]
    [InlineData("https://blob.test/uploads/risky-photo.jpg", ContentSuggest.Risky, 20002, 0)]
    [InlineData("https://blob.test/uploads/review-photo.jpg", ContentSuggest.Review, 20002, 0)]
    [InlineData("https://blob.test/uploads/fine.jpg", ContentSuggest.Pass, 100, 0)]
    [InlineData("https://blob.test/uploads/downloadfail.jpg", ContentSuggest.Review, 0, -1008)]
    public async Task Media_verdicts_arrive_later_as_a_signed_encrypted_push(string url, ContentSuggest suggest, int label, int errCode)
    {
        await using var services = fixture.CreateServices();

        var traceId = await services.GetRequiredService<WeChatClient>().SubmitMediaCheckAsync(new MediaCheckRequest(new Uri(url), OpenId));
        var push = await fixture.Inbox.WaitForAsync(r => r.Event is MediaCheckEvent m && m.TraceId == traceId);

        var verdict = Assert.IsType<MediaCheckEvent>(push.Event);
        Assert.Equal(WeChatPushStatus.Accepted, push.Status);
        Assert.Equal(suggest, verdict.Suggest);
        Assert.Equal(label, verdict.Label);
        Assert.Equal(errCode, verdict.ErrCode);
        // The platform's push account, not the user whose photo was checked (doc "多媒体内容安全识别").
        Assert.Equal(fixture.Simulator.Options.PlatformPushUserName, verdict.FromUserName);
        Assert.NotEqual(OpenId, verdict.FromUserName);
        Assert.Equal(TestValues.AppId, verdict.AppId);
    }

    [Fact]
    public async Task No_verdict_is_pushed_for_noverdict_urls()
    {
        await using var services = fixture.CreateServices();

        var traceId = await services.GetRequiredService<WeChatClient>().SubmitMediaCheckAsync(
            new MediaCheckRequest(new Uri("https://blob.test/noverdict.jpg"), OpenId));
        // The sentinel: a photo submitted afterwards whose verdict is pushed after the same delay, to the same inbox.
        var sentinel = await services.GetRequiredService<WeChatClient>().SubmitMediaCheckAsync(
            new MediaCheckRequest(new Uri("https://blob.test/uploads/fine.jpg"), OpenId));
        await fixture.Inbox.WaitForAsync(r => r.Event is MediaCheckEvent m && m.TraceId == sentinel);

        Assert.DoesNotContain(fixture.Inbox.Received, r => r.Event is MediaCheckEvent m && m.TraceId == traceId);
    }
}
