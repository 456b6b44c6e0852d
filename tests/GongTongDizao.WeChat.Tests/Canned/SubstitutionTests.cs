using NSubstitute;

namespace GongTongDizao.WeChat.Tests.Canned;

/// <summary>The client's methods are virtual so that code using it can be tested with a substitute.</summary>
public class SubstitutionTests
{
    [Fact]
    public async Task The_client_can_be_substituted()
    {
        var client = Substitute.For<WeChatClient>();
        client.Code2SessionAsync("code", Arg.Any<CancellationToken>()).Returns(new Code2SessionResult("oSub", null, "key"));
        client.SendSubscribeMessageAsync(Arg.Any<SubscribeMessage>(), Arg.Any<CancellationToken>())
            .Returns(new SubscribeSendResult(SubscribeSendOutcome.NoQuota, null, 43101, "refused"));

        Assert.Equal("oSub", (await client.Code2SessionAsync("code")).OpenId);
        var data = new SubscribeMessageTemplate("k", "tmpl-k-000001", [SubscribeKeyword.FromName("thing1")]).CreateData().Set("thing1", "x").Build();
        Assert.Equal(SubscribeSendOutcome.NoQuota, (await client.SendSubscribeMessageAsync(new SubscribeMessage("oSub", "tmpl-k-000001", data))).Outcome);
    }

    [Fact]
    public void The_push_codec_can_be_substituted()
    {
        var codec = Substitute.For<WeChatPushCodec>();
        codec.VerifyEndpoint("s", "1", "n", "echo").Returns("echo");

        Assert.Equal("echo", codec.VerifyEndpoint("s", "1", "n", "echo"));
    }
}
