namespace GongTongDizao.WeChat.Tests.Errors;

public class WeChatErrorCodesTests
{
    [Theory]
    [InlineData(-1, WeChatErrorClassification.RetryNow)]
    [InlineData(45009, WeChatErrorClassification.RetryLater)]
    [InlineData(45011, WeChatErrorClassification.RetryLater)]
    [InlineData(40001, WeChatErrorClassification.RefreshTokenAndRetryOnce)]
    [InlineData(42001, WeChatErrorClassification.RefreshTokenAndRetryOnce)]
    [InlineData(40014, WeChatErrorClassification.RefreshTokenAndRetryOnce)]
    [InlineData(40029, WeChatErrorClassification.Permanent)]
    [InlineData(43101, WeChatErrorClassification.Permanent)]
    [InlineData(40125, WeChatErrorClassification.Permanent)]
    public void Classifies_errcodes(int errCode, WeChatErrorClassification expected) =>
        Assert.Equal(expected, WeChatErrorCodes.Classify(errCode));

    [Theory]
    [InlineData("invalid code, rid: 6548ef0e-1ba1e5a3-2d1b0d7c", "6548ef0e-1ba1e5a3-2d1b0d7c")]
    [InlineData("invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r rid:64f0a9b1-2c7d0f11-5e3a9b7c", "64f0a9b1-2c7d0f11-5e3a9b7c")]
    [InlineData("ok", null)]
    [InlineData(null, null)]
    public void Parses_the_rid_from_errmsg(string? errMsg, string? rid) => Assert.Equal(rid, WeChatErrorCodes.ParseRid(errMsg));

    [Fact]
    public void Exception_carries_errcode_errmsg_rid_and_classification()
    {
        var error = new WeChatApiException(45009, "reach max api daily quota limit rid: 1a2b3c4d-5e6f7a8b-9c0d1e2f", "subscribe/send");

        Assert.Equal(45009, error.ErrCode);
        Assert.Equal("1a2b3c4d-5e6f7a8b-9c0d1e2f", error.Rid);
        Assert.Equal("subscribe/send", error.Api);
        Assert.Equal(WeChatErrorClassification.RetryLater, error.Classification);
        Assert.Contains("45009", error.Message, StringComparison.Ordinal);
    }
}
