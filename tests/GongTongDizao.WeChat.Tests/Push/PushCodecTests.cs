using System.Globalization;
using System.Text.Json;
using GongTongDizao.WeChat.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.WeChat.Tests.Push;

public class PushCodecTests
{
    private const string Nonce = "1320562132";
    private static readonly DateTimeOffset s_now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly string s_timestamp = s_now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private readonly FakeTimeProvider _time = new(s_now);

    private WeChatPushCodec Codec(WeChatPushMode mode = WeChatPushMode.Plain, string appId = TestValues.AppId)
    {
        var options = new WeChatClientOptions();
        TestValues.Apply(options);
        options.PushMode = mode;
        options.AppId = appId;
        return new WeChatPushCodec(Options.Create(options), _time, NullLogger<WeChatPushCodec>.Instance);
    }

    private static WeChatPushRequest Plain(string body, string? timestamp = null)
    {
        var ts = timestamp ?? s_timestamp;
        return new WeChatPushRequest(WeChatPushSignature.Compute(TestValues.Token, ts, Nonce), ts, Nonce, body);
    }

    private static WeChatPushRequest Encrypted(WeChatPushCodec codec, string message, WeChatPushFormat format = WeChatPushFormat.Json)
    {
        var encrypted = codec.Encrypt(message);
        var body = format == WeChatPushFormat.Json
            ? JsonSerializer.Serialize(new { ToUserName = "gh_5a1e0c0de001", Encrypt = encrypted })
            : $"<xml><ToUserName><![CDATA[gh_5a1e0c0de001]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>";
        return Plain(body) with
        {
            EncryptType = "aes",
            MsgSignature = WeChatPushSignature.Compute(TestValues.Token, s_timestamp, Nonce, encrypted),
        };
    }

    [Fact]
    public void Url_verification_returns_the_raw_echostr()
    {
        var signature = WeChatPushSignature.Compute(TestValues.Token, s_timestamp, Nonce);

        Assert.Equal("7512034985634", Codec().VerifyEndpoint(signature, s_timestamp, Nonce, "7512034985634"));
        Assert.Null(Codec().VerifyEndpoint(signature.Replace('a', 'b'), s_timestamp, Nonce, "7512034985634"));
        Assert.Null(Codec().VerifyEndpoint(null, s_timestamp, Nonce, "7512034985634"));
    }

    [Fact]
    public void Signature_is_sha1_of_the_sorted_parts() =>
        // Computed independently: printf "%s" 13205621321700000000PushToken123 | sha1sum (parts sorted: "1320562132" < "1700000000" < "PushToken123").
        Assert.Equal("a340e9be5ab1bf1f4e9cd35e81ebba4a1980d11d", WeChatPushSignature.Compute(TestValues.Token, s_timestamp, Nonce));

    [Fact]
    public void Encrypt_then_decrypt_round_trips_including_block_aligned_lengths()
    {
        var codec = Codec(WeChatPushMode.Safe);
        foreach (var length in new[] { 0, 1, 11, 12, 13, 44, 100, 1000 })
        {
            var message = new string('消', length);
            Assert.Equal(message, codec.Decrypt(codec.Encrypt(message)));
        }
    }

    [Fact]
    public void Encryption_matches_an_independently_computed_vector()
    {
        // Computed with OpenSSL, not with this code:
        //   key = base64decode("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG=")
        //       = 69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051, iv = its first 16 bytes;
        //   plain = bytes 00..0f ‖ 0000002f (47, the UTF-8 length of the message) ‖ message ‖ "wx0123456789abcdef"
        //           ‖ 9 bytes of 0x09 (PKCS#7 to 96 = 3 × 32);
        //   openssl enc -aes-256-cbc -nopad -K 69b7…1051 -iv 69b71d79f8218a39259a7a29aabb2dba -in plain.bin | base64 -w0
        const string message = """{"ToUserName":"gh_5a1e0c0de001","Event":"测试"}""";
        const string expected = "IG+0eOkLdhYW9kHtuT3HYyxg2hpXH7PZ/3ZSPu8+aC8igbOtwFujjrzsNZV70VMcbbbnNACoKlcAOUss+B9q3gB3cpaw4CUz6nk1SrBD6CnP85bbYLvZHl8I+ytNZ9qM";
        var codec = Codec(WeChatPushMode.Safe);
        var prefix = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

        Assert.Equal(expected, codec.EncryptWithPrefix(message, prefix));
        Assert.Equal(message, codec.Decrypt(expected));
    }

    [Fact]
    public void Ciphertext_for_another_app_is_rejected()
    {
        var foreign = Codec(WeChatPushMode.Safe, appId: "wxffffffffffffffff").Encrypt("{}");

        Assert.Throws<WeChatDataIntegrityException>(() => Codec(WeChatPushMode.Safe).Decrypt(foreign));
        var request = Encrypted(Codec(WeChatPushMode.Safe, appId: "wxffffffffffffffff"),
            """{"ToUserName":"gh","FromUserName":"o1","CreateTime":1700000000,"MsgType":"event","Event":"x"}""");
        Assert.Equal(WeChatPushStatus.AppIdMismatch, Codec(WeChatPushMode.Safe).Read(request).Status);
    }

    [Fact]
    public void Encrypted_reply_envelope_verifies_and_decrypts()
    {
        var codec = Codec(WeChatPushMode.Safe);

        var envelope = JsonDocument.Parse(codec.CreateEncryptedReply("success", WeChatPushFormat.Json)).RootElement;

        var encrypted = envelope.GetProperty("Encrypt").GetString()!;
        var timestamp = envelope.GetProperty("TimeStamp").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(s_now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        Assert.True(WeChatPushSignature.Matches(envelope.GetProperty("MsgSignature").GetString(),
            TestValues.Token, timestamp, envelope.GetProperty("Nonce").GetString()!, encrypted));
        Assert.Equal("success", codec.Decrypt(encrypted));
        Assert.StartsWith("<xml><Encrypt><![CDATA[", codec.CreateEncryptedReply("success", WeChatPushFormat.Xml), StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_mode_json_envelope_is_verified_decrypted_and_parsed()
    {
        var codec = Codec(WeChatPushMode.Safe);

        var result = codec.Read(Encrypted(codec, PushSamples.MediaCheckJson));

        Assert.Equal(WeChatPushStatus.Accepted, result.Status);
        var verdict = Assert.IsType<MediaCheckEvent>(result.Event);
        Assert.Equal("60f96f1d-3845297a-1976a3ae", verdict.TraceId);
        Assert.Equal(PushSamples.MediaCheckJson, result.PlainText);
    }

    [Fact]
    public void Safe_mode_xml_envelope_is_verified_decrypted_and_parsed()
    {
        var codec = Codec(WeChatPushMode.Safe);

        var result = codec.Read(Encrypted(codec, PushSamples.MediaCheckXml, WeChatPushFormat.Xml));

        Assert.Equal(WeChatPushStatus.Accepted, result.Status);
        Assert.Equal(WeChatPushFormat.Xml, result.Format);
        Assert.Equal(ContentSuggest.Pass, Assert.IsType<MediaCheckEvent>(result.Event).Suggest);
    }

    [Fact]
    public void A_forged_signature_is_rejected()
    {
        var request = Plain(PushSamples.MediaCheckJson) with { Signature = WeChatPushSignature.Compute("WrongToken", s_timestamp, Nonce) };

        Assert.Equal(WeChatPushStatus.InvalidSignature, Codec().Read(request).Status);
    }

    [Fact]
    public void A_forged_msg_signature_is_rejected()
    {
        var codec = Codec(WeChatPushMode.Safe);
        var request = Encrypted(codec, PushSamples.MediaCheckJson) with { MsgSignature = WeChatPushSignature.Compute(TestValues.Token, s_timestamp, Nonce, "other") };

        Assert.Equal(WeChatPushStatus.InvalidMessageSignature, codec.Read(request).Status);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void Timestamps_more_than_five_minutes_away_are_rejected(int offsetSeconds)
    {
        var stale = (s_now.ToUnixTimeSeconds() + offsetSeconds).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(WeChatPushStatus.StaleTimestamp, Codec().Read(Plain(PushSamples.MediaCheckJson, stale)).Status);
    }

    [Fact]
    public void A_timestamp_within_five_minutes_is_accepted()
    {
        var recent = (s_now.ToUnixTimeSeconds() - 299).ToString(CultureInfo.InvariantCulture);

        Assert.True(Codec().Read(Plain(PushSamples.MediaCheckJson, recent)).IsAccepted);
    }

    [Fact]
    public void Safe_mode_refuses_unencrypted_pushes() =>
        Assert.Equal(WeChatPushStatus.EncryptionRequired, Codec(WeChatPushMode.Safe).Read(Plain(PushSamples.MediaCheckJson)).Status);

    [Theory]
    [InlineData("")]
    [InlineData("not a push")]
    [InlineData("{\"no\":\"msgtype\"}")]
    [InlineData("<xml><MsgType>event</MsgType>")]
    public void Malformed_bodies_are_rejected(string body) =>
        Assert.Equal(WeChatPushStatus.MalformedBody, Codec().Read(Plain(body)).Status);

    [Fact]
    public void Xml_with_a_dtd_is_rejected()
    {
        const string body = """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><MsgType>&e;</MsgType></xml>""";

        Assert.Equal(WeChatPushStatus.MalformedBody, Codec().Read(Plain(body)).Status);
    }

    [Fact]
    public void Missing_query_parameters_are_rejected() =>
        Assert.Equal(WeChatPushStatus.MissingParameters, Codec().Read(new WeChatPushRequest(null, null, null, PushSamples.MediaCheckJson)).Status);

    [Fact]
    public void Media_check_json_with_detail_as_array()
    {
        var verdict = Assert.IsType<MediaCheckEvent>(Codec().Read(Plain(PushSamples.MediaCheckJson)).Event);

        Assert.Equal("oH1fu0FdHqpToe2T6gBj0WyB8iS1", verdict.FromUserName);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1626959646), verdict.CreateTime);
        Assert.Equal(ContentSuggest.Pass, verdict.Suggest);
        Assert.Equal(100, verdict.Label);
        Assert.Equal(2, verdict.Version);
        Assert.Equal(2, verdict.Details.Count);
        Assert.Equal(90, verdict.Details[0].Prob);
        Assert.Equal("media:60f96f1d-3845297a-1976a3ae", verdict.DedupeKey);
    }

    [Fact]
    public void Media_check_with_detail_as_object_and_numbers_as_strings()
    {
        var verdict = Assert.IsType<MediaCheckEvent>(Codec().Read(Plain(PushSamples.MediaCheckJsonDetailObject)).Event);

        Assert.Equal(ContentSuggest.Risky, verdict.Suggest);
        Assert.Equal(20002, verdict.Label);
        var detail = Assert.Single(verdict.Details);
        Assert.Equal(ContentSuggest.Risky, detail.Suggest);
        Assert.Equal(20002, detail.Label);
    }

    [Fact]
    public void Media_check_xml_reads_nested_elements_as_numbers()
    {
        var result = Codec().Read(Plain(PushSamples.MediaCheckXml));

        var verdict = Assert.IsType<MediaCheckEvent>(result.Event);
        Assert.Equal(WeChatPushFormat.Xml, result.Format);
        Assert.Equal("60f96f1d-3845297a-1976a3ae", verdict.TraceId);
        Assert.Equal(100, Assert.Single(verdict.Details).Label);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1626959646), verdict.CreateTime);
    }

    [Fact]
    public void Popup_event_xml_with_two_templates()
    {
        var popup = Assert.IsType<SubscribePopupEvent>(Codec().Read(Plain(PushSamples.PopupXml)).Event);

        Assert.Equal(2, popup.Items.Count);
        Assert.Equal(new SubscribePopupItem("hD-ixGOhYmUfjOnI8MCzQMPshzGVeux_2vBgzlWqlJQ", SubscribeStatus.Accept, "accept", 0), popup.Items[0]);
        Assert.Equal(SubscribeStatus.Reject, popup.Items[1].Status);
        Assert.Equal(1, popup.Items[1].PopupScene);
    }

    [Fact]
    public void Popup_event_json_with_a_single_list_object_and_numbers_as_strings()
    {
        var popup = Assert.IsType<SubscribePopupEvent>(Codec().Read(Plain(PushSamples.PopupJsonSingle)).Event);

        var item = Assert.Single(popup.Items);
        Assert.Equal(SubscribeStatus.Accept, item.Status);
        Assert.Equal(0, item.PopupScene);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1620973045), popup.CreateTime);
    }

    [Fact]
    public void Change_event_json_with_a_list()
    {
        var change = Assert.IsType<SubscribeChangeEvent>(Codec().Read(Plain(PushSamples.ChangeJson)).Event);

        Assert.Equal(2, change.Items.Count);
        Assert.All(change.Items, i => Assert.Equal(SubscribeStatus.Reject, i.Status));
    }

    [Fact]
    public void Sent_event_xml_with_a_single_list_and_string_error_code()
    {
        var sent = Assert.IsType<SubscribeSentEvent>(Codec().Read(Plain(PushSamples.SentXml)).Event);

        var item = Assert.Single(sent.Items);
        Assert.Equal("1700827132819554304", item.MsgId);
        Assert.Equal(0, item.ErrorCode);
        Assert.True(item.Delivered);
    }

    [Fact]
    public void Sent_event_json_with_a_failed_delivery()
    {
        var sent = Assert.IsType<SubscribeSentEvent>(Codec().Read(Plain(PushSamples.SentJsonFailed)).Event);

        var item = Assert.Single(sent.Items);
        Assert.Equal(10005, item.ErrorCode);
        Assert.Equal("failed:user block", item.ErrorStatus);
        Assert.False(item.Delivered);
    }

    [Fact]
    public void Messages_with_MsgId_are_deduplicated_by_it()
    {
        const string body = """{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":"1700000000","MsgType":"text","Content":"hi","MsgId":"23456789012345678"}""";

        var result = Codec().Read(Plain(body));

        var unknown = Assert.IsType<UnknownPushEvent>(result.Event);
        Assert.Equal("msg:23456789012345678", unknown.DedupeKey);
        Assert.Contains("\"Content\":\"hi\"", unknown.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Compatible_mode_reads_plain_and_encrypted_pushes()
    {
        var codec = Codec(WeChatPushMode.Compatible);

        Assert.True(codec.Read(Plain(PushSamples.PopupJsonSingle)).IsAccepted);
        Assert.True(codec.Read(Encrypted(codec, PushSamples.PopupJsonSingle)).IsAccepted);
    }
}
