using System.Globalization;
using System.Text.Json.Nodes;
using GongTongDizao.WeChat.Simulator;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.WeChat.Tests.Push;

/// <summary>
/// Dedupe keys name what each push is about: a retry of one push repeats its key, two different pushes never share
/// one, even from the same FromUserName in the same second (the platform account of media verdicts, or one person
/// receiving two messages).
/// </summary>
public class PushDedupeTests
{
    private const string Nonce = "1320562132";
    private const string PlatformAccount = "o4_t144jTUSEoxydysUA2E234_tc";
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void Media_verdicts_in_the_same_second_from_the_platform_account_have_distinct_keys()
    {
        var first = Read(MediaVerdict("trace-0001"));
        var second = Read(MediaVerdict("trace-0002"));
        var retry = Read(MediaVerdict("trace-0001"));

        Assert.Equal(first.FromUserName, second.FromUserName);
        Assert.Equal(first.CreateTime, second.CreateTime);
        Assert.NotEqual(first.DedupeKey, second.DedupeKey);
        Assert.Equal(first.DedupeKey, retry.DedupeKey);
        Assert.Equal("media:trace-0001", first.DedupeKey);
    }

    [Fact]
    public void Two_sent_events_to_one_person_in_the_same_second_have_distinct_keys()
    {
        var first = Read(SentEvent("oUser0000000000000000000001", "2147483648001"));
        var second = Read(SentEvent("oUser0000000000000000000001", "2147483648002"));

        Assert.NotEqual(first.DedupeKey, second.DedupeKey);
        Assert.Equal("sent:2147483648001", first.DedupeKey);
        Assert.Equal(first.DedupeKey, Read(SentEvent("oUser0000000000000000000001", "2147483648001")).DedupeKey);
    }

    [Fact]
    public void User_events_without_an_id_keep_the_FromUserName_and_CreateTime_rule()
    {
        var popup = Read(new JsonObject
        {
            ["ToUserName"] = "gh_5a1e0c0de001", ["FromUserName"] = "oUser0000000000000000000001", ["CreateTime"] = s_now.ToUnixTimeSeconds(),
            ["MsgType"] = "event", ["Event"] = "subscribe_msg_popup_event",
            ["List"] = new JsonObject { ["TemplateId"] = "tmpl-a", ["SubscribeStatusString"] = "accept" },
        });

        Assert.Equal("evt:oUser0000000000000000000001:1700000000:subscribe_msg_popup_event", popup.DedupeKey);
    }

    [Fact]
    public async Task Nine_verdicts_pushed_in_one_second_by_the_simulator_all_survive_deduplication()
    {
        // The simulator's clock stands still at the present, so every verdict carries the same CreateTime, and the
        // receiver's timestamp check (on the real clock) still accepts them.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new WeChatSimulatorOptions { PushUrl = new Uri("http://push.test/api/wechat/push"), MediaCheckDelay = TimeSpan.Zero, TimeProvider = time };
        var clientOptions = new WeChatClientOptions { AppId = options.AppId, AppSecret = options.AppSecret, Token = options.Token, EncodingAesKey = options.EncodingAesKey };
        using var inbox = new PushInbox(clientOptions);
        options.PushHandler = inbox;
        await using var simulator = await WeChatSimulator.StartAsync(options);
        simulator.State.RecordVisit("oUser0000000000000000000001");
        await using var services = WeChatTestServices.ForSimulator(simulator);
        var client = services.GetRequiredService<WeChatClient>();

        var traceIds = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            traceIds.Add(await client.SubmitMediaCheckAsync(new MediaCheckRequest(new Uri($"https://blob.test/post-1/photo-{i}.jpg"), "oUser0000000000000000000001")));
        }

        foreach (var traceId in traceIds)
        {
            await inbox.WaitForAsync(r => r.Event is MediaCheckEvent m && m.TraceId == traceId);
        }

        var verdicts = inbox.Received.Select(r => r.Event).OfType<MediaCheckEvent>().ToList();
        // What the push endpoint does: handle a key once, answer "success" to repeats.
        var handled = new HashSet<string>(StringComparer.Ordinal);
        var kept = verdicts.Where(v => handled.Add(v.DedupeKey)).Select(v => v.TraceId).ToList();

        Assert.Single(verdicts.Select(v => v.FromUserName).Distinct());
        Assert.Equal(simulator.Options.PlatformPushUserName, verdicts[0].FromUserName);
        Assert.Single(verdicts.Select(v => v.CreateTime).Distinct());
        Assert.Equal(traceIds.Order(StringComparer.Ordinal), kept.Order(StringComparer.Ordinal));
    }

    private static WeChatPushEvent Read(JsonObject message)
    {
        var options = new WeChatClientOptions();
        TestValues.Apply(options);
        options.PushMode = WeChatPushMode.Plain;
        var codec = new WeChatPushCodec(Options.Create(options), new FakeTimeProvider(s_now), NullLogger<WeChatPushCodec>.Instance);
        var timestamp = s_now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var read = codec.Read(new WeChatPushRequest(WeChatPushSignature.Compute(TestValues.Token, timestamp, Nonce), timestamp, Nonce, message.ToJsonString()));
        Assert.True(read.IsAccepted, read.Status.ToString());
        return read.Event!;
    }

    private static JsonObject MediaVerdict(string traceId) => new()
    {
        ["ToUserName"] = "gh_5a1e0c0de001", ["FromUserName"] = PlatformAccount, ["CreateTime"] = s_now.ToUnixTimeSeconds(),
        ["MsgType"] = "event", ["Event"] = "wxa_media_check", ["appid"] = TestValues.AppId, ["trace_id"] = traceId, ["version"] = 2,
        ["errcode"] = 0, ["errmsg"] = "ok", ["result"] = new JsonObject { ["suggest"] = "pass", ["label"] = 100 },
    };

    private static JsonObject SentEvent(string openId, string msgId) => new()
    {
        ["ToUserName"] = "gh_5a1e0c0de001", ["FromUserName"] = openId, ["CreateTime"] = s_now.ToUnixTimeSeconds(),
        ["MsgType"] = "event", ["Event"] = "subscribe_msg_sent_event",
        ["List"] = new JsonObject { ["TemplateId"] = "tmpl-a", ["MsgID"] = msgId, ["ErrorCode"] = 0, ["ErrorStatus"] = "success" },
    };
}
