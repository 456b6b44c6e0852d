using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat.Tests.OpenData;

/// <summary>Known answers from WeChat's documentation "开放数据校验与解密".</summary>
public class OpenDataCryptoTests
{
    private const string SampleAppId = "wx4f4bc4dec97d474b";
    private const string SampleSessionKey = "tiihtNczf5v6AKRyjwEUhQ==";
    private const string SampleIv = "r7BXXKkLb8qrSNn05n0qiA==";
    private const string SampleEncryptedData =
        "CiyLU1Aw2KjvrjMdj8YKliAjtP4gsMZMQmRzooG2xrDcvSnxIMXFufNstNGTyaGS9uT5geRa0W4oTOb1WT7fJlAC+oNPdbB+3hVbJSRgv+4lGOETKUQz6OYS"
        + "tslQ142dNCuabNPGBzlooOmB231qMM85d2/fV6ChevvXvQP8Hkue1poOFtnEtpyxVLW1zAo6/1Xx1COxFvrc2d7UL/lmHInNlxuacJXwu0fjpXfz/YqYzBIBzD6W"
        + "UfTIF9GRHpOn/Hz7saL8xz+W//FRAUid1OksQaQx4CMs8LOddcQhULW4ucetDf96JcR3g0gfRK4PC7E/r7Z6xNrXd2UIeorGj5Ef7b1pJAYB6Y5anaHqZ9J6nKEB"
        + "vB4DnNLIVWSgARns/8wR2SiRS7MNACwTyrGvt9ts8p12PKFdlqYTopNHR1Vf7XjfhQlVsAJdNiKdYmYVoKlaRv85IfVunYzO0IKXsyl7JCUjCpoG20f0a04COwfn"
        + "eQAGGwd5oa+T8yO5hzuyDb/XcxxmK01EpqOyuxINew==";

    private static WeChatOpenDataCrypto CryptoFor(string appId) => new(Options.Create(new WeChatClientOptions { AppId = appId }));

    [Fact]
    public void Decrypts_the_official_sample()
    {
        var data = CryptoFor(SampleAppId).Decrypt(SampleEncryptedData, SampleIv, SampleSessionKey);

        Assert.Equal("oGZUI0egBJY1zhBYw2KhdUfwVJJE", data.Data.GetProperty("openId").GetString());
        Assert.Equal("Band", data.Data.GetProperty("nickName").GetString());
        Assert.Equal("ocMvos6NjeKLIBqg5Mr9QjxrP1FA", data.Data.GetProperty("unionId").GetString());
        Assert.Equal(SampleAppId, data.WatermarkAppId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1477314187), data.WatermarkTimestamp);
        Assert.Equal("Guangzhou", data.Deserialize<SampleUser>()!.City);
    }

    [Fact]
    public void Data_of_another_app_is_rejected() =>
        Assert.Throws<WeChatDataIntegrityException>(() => CryptoFor("wx0123456789abcdef").Decrypt(SampleEncryptedData, SampleIv, SampleSessionKey));

    [Fact]
    public void A_stale_session_key_is_reported_as_such()
    {
        var error = Assert.Throws<WeChatDataIntegrityException>(() =>
            CryptoFor(SampleAppId).Decrypt(SampleEncryptedData, SampleIv, "AAAAAAAAAAAAAAAAAAAAAA=="));

        Assert.Contains("session_key", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!", SampleIv)]
    [InlineData(SampleEncryptedData, "c2hvcnQ=")]
    public void Malformed_input_is_rejected(string encryptedData, string iv) =>
        Assert.Throws<WeChatDataIntegrityException>(() => CryptoFor(SampleAppId).Decrypt(encryptedData, iv, SampleSessionKey));

    [Fact]
    public void Verifies_the_official_rawData_signature()
    {
        // The documented example: signature = sha1(rawData + session_key).
        const string rawData = """{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}""";
        const string sessionKey = "HyVFkGl5F5OQWJZZaNzBBg==";
        var crypto = CryptoFor(SampleAppId);

        Assert.True(crypto.VerifyRawDataSignature(rawData, "75e81ceda165f4ffa64f4068af58c64b8f54b88c", sessionKey));
        Assert.True(crypto.VerifyRawDataSignature(rawData, "75E81CEDA165F4FFA64F4068AF58C64B8F54B88C", sessionKey));
        Assert.False(crypto.VerifyRawDataSignature(rawData.Replace("Band", "Bond", StringComparison.Ordinal), "75e81ceda165f4ffa64f4068af58c64b8f54b88c", sessionKey));
        Assert.False(crypto.VerifyRawDataSignature(rawData, "zz", sessionKey));
    }

    private sealed record SampleUser(string OpenId, string NickName, string City);
}
