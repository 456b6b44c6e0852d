namespace GongTongDizao.WeChat.Tests.Errors;

public class WeChatRedactionTests
{
    [Fact]
    public void Masks_secrets_in_query_strings()
    {
        var redacted = WeChatRedaction.RedactUri(new Uri(
            "https://api.weixin.qq.com/sns/jscode2session?appid=wx0123456789abcdef&secret=s3cr3t&js_code=c0de&grant_type=authorization_code"));

        Assert.Equal("/sns/jscode2session?appid=wx0123456789abcdef&secret=***&js_code=***&grant_type=authorization_code", redacted);
    }

    [Fact]
    public void Masks_the_access_token()
    {
        var redacted = WeChatRedaction.RedactUri(new Uri("https://api.weixin.qq.com/wxa/msg_sec_check?access_token=ACCESS.TOKEN-1"));
        Assert.DoesNotContain("ACCESS.TOKEN-1", redacted, StringComparison.Ordinal);
        Assert.StartsWith("/wxa/msg_sec_check?access_token=***", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void Masks_key_value_pairs_in_free_text_but_not_errcode()
    {
        var text = WeChatRedaction.RedactText("errcode: 40029, bad js_code=abc123 and \"session_key\":\"k3y==\"");

        Assert.DoesNotContain("abc123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y==", text, StringComparison.Ordinal);
        Assert.Contains("errcode: 40029", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Masks_phone_numbers() => Assert.Equal("139***78", WeChatRedaction.MaskPhone("13912345678"));
}
