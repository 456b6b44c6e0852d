using System.Net;
using System.Text;
using System.Text.Json;
using GongTongDizao.WeChat.Tests.Infrastructure;

namespace GongTongDizao.WeChat.Tests.Canned;

/// <summary>Request shapes and parsing of WeChat's documented JSON, against a stubbed HTTP handler.</summary>
public class CannedResponseTests
{
    private static readonly SubscribeMessageTemplate s_template = new("letterReplied", "tmpl-letter-replied-0001",
        [SubscribeKeyword.FromName("thing1"), SubscribeKeyword.FromName("time2")], "pages/letters/detail");

    [Fact]
    public async Task Code2Session_sends_the_documented_query_and_reads_a_reply_without_errcode()
    {
        using var canned = new CannedClient();
        // WeChat answers jscode2session as text/plain and omits errcode on success.
        canned.Stub.Always("/sns/jscode2session",
            """{"session_key":"tiihtNczf5v6AKRyjwEUhQ==","openid":"oGZUI0egBJY1zhBYw2KhdUfwVJJE","unionid":"ocMvos6NjeKLIBqg5Mr9QjxrP1FA"}""",
            "text/plain");

        var session = await canned.Client.Code2SessionAsync("081aBc0w3r1xyz");

        Assert.Equal("oGZUI0egBJY1zhBYw2KhdUfwVJJE", session.OpenId);
        Assert.Equal("ocMvos6NjeKLIBqg5Mr9QjxrP1FA", session.UnionId);
        Assert.Equal("tiihtNczf5v6AKRyjwEUhQ==", session.SessionKey);
        Assert.DoesNotContain("tiihtNczf5v6AKRyjwEUhQ==", session.ToString(), StringComparison.Ordinal);
        var request = Assert.Single(canned.Stub.RequestsTo("/sns/jscode2session"));
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(TestValues.AppId, request.Query("appid"));
        Assert.Equal(TestValues.AppSecret, request.Query("secret"));
        Assert.Equal("081aBc0w3r1xyz", request.Query("js_code"));
        Assert.Equal("authorization_code", request.Query("grant_type"));
        Assert.Empty(canned.Stub.RequestsTo("/cgi-bin/stable_token"));
    }

    [Fact]
    public async Task An_errcode_sent_as_a_string_still_throws_with_rid_and_classification()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/sns/jscode2session", """{"errcode":"40029","errmsg":"invalid code, rid: 6548ef0e-1ba1e5a3-2d1b0d7c"}""");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => canned.Client.Code2SessionAsync("bad"));

        Assert.Equal(40029, error.ErrCode);
        Assert.Equal("6548ef0e-1ba1e5a3-2d1b0d7c", error.Rid);
        Assert.Equal(WeChatErrorClassification.Permanent, error.Classification);
    }

    [Fact]
    public async Task Stable_token_is_requested_in_normal_mode_and_used_in_the_query()
    {
        using var canned = new CannedClient();
        // expires_in as a string is tolerated.
        canned.Stub.Always("/cgi-bin/stable_token", """{"access_token":"TOKEN-FROM-STABLE","expires_in":"7200"}""");
        canned.Stub.Always("/wxa/msg_sec_check", """{"errcode":0,"errmsg":"ok","result":{"suggest":"pass","label":100},"trace_id":"t1"}""");

        await canned.Client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "你好"));

        var tokenRequest = Assert.Single(canned.Stub.RequestsTo("/cgi-bin/stable_token"));
        Assert.Equal(HttpMethod.Post, tokenRequest.Method);
        var body = tokenRequest.Json();
        Assert.Equal("client_credential", body.GetProperty("grant_type").GetString());
        Assert.Equal(TestValues.AppId, body.GetProperty("appid").GetString());
        Assert.Equal(TestValues.AppSecret, body.GetProperty("secret").GetString());
        Assert.False(body.GetProperty("force_refresh").GetBoolean());
        Assert.Equal("TOKEN-FROM-STABLE", Assert.Single(canned.Stub.RequestsTo("/wxa/msg_sec_check")).Query("access_token"));
    }

    [Fact]
    public async Task Subscribe_send_body_has_the_documented_shape()
    {
        using var canned = new CannedClient(o => o.MiniProgramState = WeChatMiniProgramState.Trial);
        canned.Stub.Always("/cgi-bin/message/subscribe/send", """{"errcode":0,"errmsg":"ok","msgid":2147483648123456}""");
        var data = s_template.CreateData().Set("thing1", "您的来信已答复").Set("time2", new DateTimeOffset(2026, 11, 27, 7, 1, 0, TimeSpan.Zero)).Build();

        var result = await canned.Client.SendSubscribeMessageAsync(SubscribeMessage.Create(s_template, "oUser0000000000000000000001", data, "id=42"));

        Assert.Equal(SubscribeSendOutcome.Sent, result.Outcome);
        Assert.Equal("2147483648123456", result.MsgId);
        var body = Assert.Single(canned.Stub.RequestsTo("/cgi-bin/message/subscribe/send")).Json();
        Assert.Equal("oUser0000000000000000000001", body.GetProperty("touser").GetString());
        Assert.Equal("tmpl-letter-replied-0001", body.GetProperty("template_id").GetString());
        Assert.Equal("pages/letters/detail?id=42", body.GetProperty("page").GetString());
        Assert.Equal("您的来信已答复", body.GetProperty("data").GetProperty("thing1").GetProperty("value").GetString());
        Assert.Equal("2026年11月27日 15:01", body.GetProperty("data").GetProperty("time2").GetProperty("value").GetString());
        Assert.Equal("trial", body.GetProperty("miniprogram_state").GetString());
        Assert.Equal("zh_CN", body.GetProperty("lang").GetString());
    }

    [Theory]
    [InlineData(43101, "user refuse to accept the msg rid: 1-2-3", SubscribeSendOutcome.NoQuota, null)]
    [InlineData(47003, "argument invalid! data.thing1.value exceeds limit rid: 1-2-3", SubscribeSendOutcome.InvalidData, "thing1")]
    [InlineData(40003, "invalid openid rid: 1-2-3", SubscribeSendOutcome.InvalidOpenId, null)]
    [InlineData(40037, "invalid template_id rid: 1-2-3", SubscribeSendOutcome.InvalidTemplateId, null)]
    [InlineData(41030, "invalid page rid: 1-2-3", SubscribeSendOutcome.InvalidPage, null)]
    [InlineData(45009, "reach max api daily quota limit rid: 1-2-3", SubscribeSendOutcome.DailyLimitReached, null)]
    public async Task Subscribe_errors_the_caller_acts_on_are_distinct_outcomes(int errCode, string errMsg, SubscribeSendOutcome outcome, string? field)
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/cgi-bin/message/subscribe/send", JsonSerializer.Serialize(new { errcode = errCode, errmsg = errMsg }));

        var result = await canned.Client.SendSubscribeMessageAsync(SubscribeMessage.Create(s_template, "oUser0000000000000000000001",
            s_template.CreateData().Set("thing1", "x").Set("time2", "15:01").Build()));

        Assert.Equal(outcome, result.Outcome);
        Assert.Equal(field, result.InvalidField);
        Assert.Equal("1-2-3", result.Rid);
        Assert.False(result.IsSent);
    }

    [Fact]
    public async Task Text_check_with_errcode_0_but_risky_is_not_a_pass()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/msg_sec_check", """
            {"errcode":0,"errmsg":"ok","result":{"suggest":"risky","label":"20001"},
             "detail":[{"strategy":"content_model","errcode":0,"suggest":"risky","label":20001,"prob":90}],
             "trace_id":"60ae120f-371d5872-7941a05b"}
            """);

        var result = await canned.Client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "内容"));

        Assert.Equal(ContentSuggest.Risky, result.Suggest);
        Assert.Equal(20001, result.Label);
        Assert.False(result.IsPass);
        Assert.Equal("60ae120f-371d5872-7941a05b", result.TraceId);
        var body = Assert.Single(canned.Stub.RequestsTo("/wxa/msg_sec_check")).Json();
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal(3, body.GetProperty("scene").GetInt32());
    }

    [Fact]
    public async Task Text_check_without_a_result_is_held_for_review()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/msg_sec_check", """{"errcode":0,"errmsg":"ok"}""");

        var result = await canned.Client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "内容"));

        Assert.Equal(ContentSuggest.Review, result.Suggest);
    }

    [Fact]
    public async Task Media_check_returns_the_trace_id_and_sends_version_2()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/media_check_async", """{"errcode":0,"errmsg":"ok","trace_id":"967e945cd8a3e458f3c74dcb886068e9"}""");

        var traceId = await canned.Client.SubmitMediaCheckAsync(new MediaCheckRequest(new Uri("https://blob.test/a.jpg?sig=x"), "oUser0000000000000000000001"));

        Assert.Equal("967e945cd8a3e458f3c74dcb886068e9", traceId);
        var body = Assert.Single(canned.Stub.RequestsTo("/wxa/media_check_async")).Json();
        Assert.Equal("https://blob.test/a.jpg?sig=x", body.GetProperty("media_url").GetString());
        Assert.Equal(2, body.GetProperty("media_type").GetInt32());
        Assert.Equal(2, body.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("86")]
    [InlineData("\"86\"")]
    public async Task Phone_number_accepts_countryCode_as_number_or_string(string countryCode)
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/business/getuserphonenumber",
            """{"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13800138000","purePhoneNumber":"13800138000","countryCode":"""
            + countryCode + ""","watermark":{"timestamp":1637744274,"appid":""" + "\"" + TestValues.AppId + "\"}}}");

        var phone = await canned.Client.GetPhoneNumberAsync("phone-code");

        Assert.Equal("13800138000", phone.PhoneNumber);
        Assert.Equal("86", phone.CountryCode);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1637744274), phone.WatermarkTimestamp);
        Assert.DoesNotContain("13800138000", phone.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Phone_number_for_another_appid_is_rejected()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/business/getuserphonenumber", """
            {"errcode":0,"errmsg":"ok","phone_info":{"phoneNumber":"13800138000","purePhoneNumber":"13800138000",
             "countryCode":"86","watermark":{"timestamp":1637744274,"appid":"wxffffffffffffffff"}}}
            """);

        await Assert.ThrowsAsync<WeChatDataIntegrityException>(() => canned.Client.GetPhoneNumberAsync("phone-code"));
    }

    [Fact]
    public async Task Qr_code_success_is_image_bytes_branching_on_content_type()
    {
        using var canned = new CannedClient();
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 };
        canned.Stub.Always("/wxa/getwxacodeunlimit", _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(jpeg) { Headers = { ContentType = new("image/jpeg") } },
        });

        var image = await canned.Client.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest("t=123") { Page = "pages/topics/detail" });

        Assert.Equal("image/jpeg", image.ContentType);
        Assert.Equal(jpeg, image.Content.ToArray());
        var body = Assert.Single(canned.Stub.RequestsTo("/wxa/getwxacodeunlimit")).Json();
        Assert.Equal("t=123", body.GetProperty("scene").GetString());
        Assert.Equal("release", body.GetProperty("env_version").GetString());
        Assert.True(body.GetProperty("check_path").GetBoolean());
    }

    [Fact]
    public async Task Qr_code_error_arrives_as_json_and_throws()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/wxa/getwxacodeunlimit", """{"errcode":41030,"errmsg":"invalid page rid: 6-7-8"}""", "application/json; encoding=utf-8");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => canned.Client.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest("t=1")));

        Assert.Equal(41030, error.ErrCode);
        Assert.Equal("6-7-8", error.Rid);
    }

    [Fact]
    public async Task Qr_code_scene_longer_than_32_is_refused_before_calling()
    {
        using var canned = new CannedClient();

        await Assert.ThrowsAsync<ArgumentException>(() => canned.Client.GetUnlimitedQrCodeAsync(new UnlimitedQrCodeRequest(new string('a', 33))));
        Assert.Empty(canned.Stub.Requests);
    }

    [Fact]
    public async Task An_idempotent_check_is_retried_after_a_503()
    {
        using var canned = new CannedClient();
        canned.Stub.Once("/wxa/msg_sec_check", _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        canned.Stub.Always("/wxa/msg_sec_check", """{"errcode":0,"errmsg":"ok","result":{"suggest":"pass","label":100}}""");

        var result = await canned.Client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "你好"));

        Assert.Equal(ContentSuggest.Pass, result.Suggest);
        Assert.Equal(2, canned.Stub.RequestsTo("/wxa/msg_sec_check").Count);
    }

    [Fact]
    public async Task A_send_is_not_retried_after_a_503_because_WeChat_may_have_sent_it()
    {
        using var canned = new CannedClient();
        canned.Stub.Once("/cgi-bin/message/subscribe/send", _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        canned.Stub.Always("/cgi-bin/message/subscribe/send", """{"errcode":0,"errmsg":"ok","msgid":1}""");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => canned.Client.SendSubscribeMessageAsync(
            SubscribeMessage.Create(s_template, "oUser0000000000000000000001", s_template.CreateData().Set("thing1", "x").Set("time2", "15:01").Build())));

        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(WeChatErrorClassification.RetryNow, error.Classification);
        Assert.Single(canned.Stub.RequestsTo("/cgi-bin/message/subscribe/send"));
    }

    [Fact]
    public async Task A_send_is_retried_when_the_connection_never_opened()
    {
        using var canned = new CannedClient();
        canned.Stub.Once("/cgi-bin/message/subscribe/send", _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "connection refused"));
        canned.Stub.Always("/cgi-bin/message/subscribe/send", """{"errcode":0,"errmsg":"ok","msgid":7}""");

        var result = await canned.Client.SendSubscribeMessageAsync(
            SubscribeMessage.Create(s_template, "oUser0000000000000000000001", s_template.CreateData().Set("thing1", "x").Set("time2", "15:01").Build()));

        Assert.Equal("7", result.MsgId);
        Assert.Equal(2, canned.Stub.RequestsTo("/cgi-bin/message/subscribe/send").Count);
    }

    [Fact]
    public async Task System_busy_is_repeated_once_for_checks_but_never_for_sends()
    {
        using var canned = new CannedClient();
        canned.Stub.Once("/wxa/msg_sec_check", _ => StubHttpHandler.Json("""{"errcode":-1,"errmsg":"system error"}"""));
        canned.Stub.Always("/wxa/msg_sec_check", """{"errcode":0,"errmsg":"ok","result":{"suggest":"pass","label":100}}""");
        canned.Stub.Always("/cgi-bin/message/subscribe/send", """{"errcode":-1,"errmsg":"system error rid: 9-9-9"}""");

        var check = await canned.Client.CheckTextAsync(new TextCheckRequest("oUser0000000000000000000001", "你好"));
        var error = await Assert.ThrowsAsync<WeChatApiException>(() => canned.Client.SendSubscribeMessageAsync(
            SubscribeMessage.Create(s_template, "oUser0000000000000000000001", s_template.CreateData().Set("thing1", "x").Set("time2", "15:01").Build())));

        Assert.Equal(ContentSuggest.Pass, check.Suggest);
        Assert.Equal(2, canned.Stub.RequestsTo("/wxa/msg_sec_check").Count);
        Assert.Equal(WeChatErrorClassification.RetryNow, error.Classification);
        Assert.Single(canned.Stub.RequestsTo("/cgi-bin/message/subscribe/send"));
    }

    [Fact]
    public async Task A_non_json_answer_is_an_api_exception()
    {
        using var canned = new CannedClient();
        canned.Stub.Always("/sns/jscode2session", _ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("<html>gateway</html>", Encoding.UTF8, "text/html"),
        });

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => canned.Client.Code2SessionAsync("code"));
        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
    }
}
