using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Features.Identity;
using GongTongDizao.Core.Features.Notifications;
using GongTongDizao.WeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GongTongDizao.EndToEnd.Tests.Notifications;

[Collection(NotificationsCollection.Name)]
public sealed class WeChatPushTests(NotificationsFixture host)
{
    private WeChatClientOptions WeChat => host.Services.GetRequiredService<IOptions<WeChatClientOptions>>().Value;

    [Fact]
    public async Task Verification_answers_the_echostr_as_text_only_when_signed_with_our_token()
    {
        var timestamp = Now();
        var good = await GetAsync($"api/wechat/push?signature={WeChatPushSignature.Compute(WeChat.Token, timestamp, "42")}&timestamp={timestamp}&nonce=42&echostr=hello123");
        var forged = await GetAsync($"api/wechat/push?signature={WeChatPushSignature.Compute("NotOurToken", timestamp, "42")}&timestamp={timestamp}&nonce=42&echostr=hello123");

        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Equal("hello123", good.Text);
        Assert.Equal("text/plain", good.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
    }

    [Fact]
    public async Task A_forged_signature_is_rejected_and_changes_nothing()
    {
        var user = await PushUserAsync();
        var (status, text) = await PostAsync(Popup(user.OpenId, Now()), token: "NotOurToken", timestamp: Now());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotEqual("success", text);
        Assert.Null(await host.Services.GetRequiredService<SubscriptionQuotas>().FindAsync(user.Id, "letterReplied", CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_timestamp_is_rejected_even_when_correctly_signed()
    {
        var user = await PushUserAsync();
        var stale = host.Time.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var (status, _) = await PostAsync(Popup(user.OpenId, stale), token: WeChat.Token, timestamp: stale);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(await host.Services.GetRequiredService<SubscriptionQuotas>().FindAsync(user.Id, "letterReplied", CancellationToken.None));
    }

    [Fact]
    public async Task A_signed_safe_mode_popup_event_is_accepted_deduplicated_and_reconciled_with_the_client_report()
    {
        var user = await PushUserAsync();
        var token = await LoginAsAsync(user);
        host.Simulator.Options.PushUrl = new Uri(host.BaseAddress, "api/wechat/push");
        var popup = new JsonObject
        {
            ["FromUserName"] = user.OpenId,
            ["CreateTime"] = host.Time.GetUtcNow().ToUnixTimeSeconds(),
            ["Event"] = "subscribe_msg_popup_event",
            ["List"] = new JsonArray(new JsonObject { ["TemplateId"] = "local-letterReplied", ["SubscribeStatusString"] = "accept", ["PopupScene"] = "0" }),
        };

        var delivered = await host.Simulator.State.PushEventAsync((JsonObject)popup.DeepClone());
        var repeated = await host.Simulator.State.PushEventAsync((JsonObject)popup.DeepClone());
        var (status, body) = await host.SendAsync(HttpMethod.Post, "api/me/subscriptions", token, new { results = new Dictionary<string, string> { ["letterReplied"] = "accept" } });

        Assert.True(delivered.Delivered, delivered.ToString());
        Assert.True(repeated.Delivered);
        Assert.Equal(200, status);
        var quota = await host.Services.GetRequiredService<SubscriptionQuotas>().FindAsync(user.Id, "letterReplied", CancellationToken.None);
        // One accept, reported by WeChat (twice: a retry) and by the mini-program: one unit.
        Assert.Equal(1, quota!.Remaining);
        Assert.Equal((1, 1), (quota.PushAccepts, quota.ClientAccepts));
        var item = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("templateKey").GetString() == "letterReplied");
        Assert.Equal(1, item.GetProperty("remaining").GetInt32());
        Assert.Equal("local-letterReplied", item.GetProperty("templateId").GetString());
    }

    [Fact]
    public async Task Reporting_an_unknown_template_is_a_validation_error()
    {
        var user = await PushUserAsync();
        var token = await LoginAsAsync(user);

        var (status, body) = await host.SendAsync(HttpMethod.Post, "api/me/subscriptions", token, new { results = new Dictionary<string, string> { ["noSuchTemplate"] = "accept" } });

        Assert.Equal(400, status);
        Assert.Equal("VALIDATION_FAILED", body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_sent_events_for_one_person_in_the_same_second_both_confirm_their_delivery()
    {
        var user = await PushUserAsync();
        await host.GrantAsync(user, "letterAccepted", 2);
        var deliver = host.Services.GetRequiredService<DeliverNotification>();
        var first = await deliver.HandleAsync(NotificationsFixture.Delivery(user), CancellationToken.None);
        var second = await deliver.HandleAsync(NotificationsFixture.Delivery(user), CancellationToken.None);
        host.Simulator.Options.PushUrl = new Uri(host.BaseAddress, "api/wechat/push");
        var sameSecond = host.Time.GetUtcNow().ToUnixTimeSeconds();

        // WeChat reports each message in its own subscribe_msg_sent_event; both name the person and the second.
        foreach (var record in new[] { first!, second! })
        {
            var pushed = await host.Simulator.State.PushEventAsync(new JsonObject
            {
                ["FromUserName"] = user.OpenId,
                ["CreateTime"] = sameSecond,
                ["Event"] = "subscribe_msg_sent_event",
                ["List"] = new JsonObject { ["TemplateId"] = "local-letterAccepted", ["MsgID"] = record.MsgId, ["ErrorCode"] = 0, ["ErrorStatus"] = "success" },
            });
            Assert.True(pushed.Delivered, pushed.ToString());
        }

        Assert.NotEqual(first!.MsgId, second!.MsgId);
        Assert.True((await host.DeliveryAsync(user.Id, first.EventId))!.Confirmed);
        Assert.True((await host.DeliveryAsync(user.Id, second.EventId))!.Confirmed);
    }

    /// <summary>A person whose openid is linked to their account, as login does, so a push names them.</summary>
    private async Task<UserAccount> PushUserAsync()
    {
        var code = "dev-push-" + Guid.NewGuid().ToString("N")[..12];
        var openId = GongTongDizao.WeChat.Simulator.WeChatSimulator.OpenIdFor(code);
        return await host.CreateLinkedAsync(new UserAccount { Id = UserIds.NewId(), OpenId = openId, CreatedAt = host.Time.GetUtcNow() });
    }

    private Task<string> LoginAsAsync(UserAccount user) =>
        host.LoginAsync(host.Simulator.State.IssueLoginCode(user.OpenId).Code);

    private string Now() => host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private string Popup(string openId, string createTime) => new JsonObject
    {
        ["ToUserName"] = host.Simulator.Options.OriginalId,
        ["FromUserName"] = openId,
        ["CreateTime"] = long.Parse(createTime, CultureInfo.InvariantCulture),
        ["MsgType"] = "event",
        ["Event"] = "subscribe_msg_popup_event",
        ["List"] = new JsonArray(new JsonObject { ["TemplateId"] = "local-letterReplied", ["SubscribeStatusString"] = "accept", ["PopupScene"] = "0" }),
    }.ToJsonString();

    /// <summary>Posts a safe-mode push, encrypted with our key and signed with <paramref name="token"/>.</summary>
    private async Task<(HttpStatusCode Status, string Text)> PostAsync(string plain, string token, string timestamp)
    {
        var encrypted = host.Services.GetRequiredService<WeChatPushCodec>().Encrypt(plain);
        const string nonce = "1234567";
        var url = $"api/wechat/push?signature={WeChatPushSignature.Compute(token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}"
                  + $"&encrypt_type=aes&msg_signature={WeChatPushSignature.Compute(token, timestamp, nonce, encrypted)}";
        using var client = host.CreateClient();
        using var content = new StringContent(new JsonObject { ["ToUserName"] = host.Simulator.Options.OriginalId, ["Encrypt"] = encrypted }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(url, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Text, string? MediaType)> GetAsync(string url)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }
}
