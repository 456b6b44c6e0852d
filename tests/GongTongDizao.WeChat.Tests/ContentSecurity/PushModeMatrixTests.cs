using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GongTongDizao.WeChat.Tests.ContentSecurity;

/// <summary>
/// The simulator's pushes (its own signing and encryption) read by the client's codec, in every mode and format:
/// the two implementations are independent, so agreement here checks both against the protocol.
/// </summary>
public class PushModeMatrixTests
{
    [Theory]
    [InlineData(SimulatorPushMode.Safe, SimulatorPushFormat.Json)]
    [InlineData(SimulatorPushMode.Safe, SimulatorPushFormat.Xml)]
    [InlineData(SimulatorPushMode.Compatible, SimulatorPushFormat.Json)]
    [InlineData(SimulatorPushMode.Plain, SimulatorPushFormat.Xml)]
    public async Task Media_check_verdict_round_trips(SimulatorPushMode mode, SimulatorPushFormat format)
    {
        var options = new WeChatSimulatorOptions
        {
            PushMode = mode,
            PushFormat = format,
            PushUrl = new Uri("http://push.test/api/wechat/push"),
            MediaCheckDelay = TimeSpan.Zero,
        };
        var clientOptions = new WeChatClientOptions
        {
            AppId = options.AppId,
            AppSecret = options.AppSecret,
            Token = options.Token,
            EncodingAesKey = options.EncodingAesKey,
            PushMode = (WeChatPushMode)(int)mode,
        };
        using var inbox = new PushInbox(clientOptions);
        options.PushHandler = inbox;
        await using var simulator = await WeChatSimulator.StartAsync(options);
        simulator.State.RecordVisit("oUser0000000000000000000001");
        await using var services = WeChatTestServices.Build(o =>
        {
            o.AppId = options.AppId;
            o.AppSecret = options.AppSecret;
            o.Token = options.Token;
            o.EncodingAesKey = options.EncodingAesKey;
            o.BaseAddress = simulator.BaseAddress;
        });

        var traceId = await services.GetRequiredService<WeChatClient>().SubmitMediaCheckAsync(
            new MediaCheckRequest(new Uri("https://blob.test/risky.png"), "oUser0000000000000000000001"));
        var push = await inbox.WaitForAsync(r => r.IsAccepted);

        var verdict = Assert.IsType<MediaCheckEvent>(push.Event);
        Assert.Equal(traceId, verdict.TraceId);
        Assert.Equal(ContentSuggest.Risky, verdict.Suggest);
        Assert.Equal(format == SimulatorPushFormat.Xml ? WeChatPushFormat.Xml : WeChatPushFormat.Json, push.Format);
        var detail = Assert.Single(verdict.Details);
        Assert.Equal("content_model", detail.Strategy);
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await simulator.State.WhenPushesRecordedAsync(1, deadline.Token);
        }

        var delivery = Assert.Single(simulator.State.PushDeliveries);
        Assert.True(delivery.Delivered);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public async Task A_push_rejected_by_the_receiver_is_retried_three_times()
    {
        var options = new WeChatSimulatorOptions
        {
            PushUrl = new Uri("http://push.test/api/wechat/push"),
            PushRetryDelay = TimeSpan.FromMilliseconds(10),
        };
        // The receiver expects another token, so every signature check fails.
        using var inbox = new PushInbox(new WeChatClientOptions
        {
            AppId = options.AppId, Token = "SomeOtherToken", EncodingAesKey = options.EncodingAesKey, PushMode = WeChatPushMode.Safe,
        });
        options.PushHandler = inbox;
        await using var simulator = await WeChatSimulator.StartAsync(options);

        var delivery = await simulator.State.PushEventAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["FromUserName"] = "oUser0000000000000000000001",
            ["Event"] = "subscribe_msg_change_event",
            ["List"] = new System.Text.Json.Nodes.JsonObject { ["TemplateId"] = "tmpl-a", ["SubscribeStatusString"] = "reject" },
        });

        Assert.False(delivery.Delivered);
        Assert.Equal(4, delivery.Attempts);
        Assert.Equal(401, delivery.LastStatus);
        Assert.All(inbox.Received, r => Assert.Equal(WeChatPushStatus.InvalidSignature, r.Status));
    }
}
