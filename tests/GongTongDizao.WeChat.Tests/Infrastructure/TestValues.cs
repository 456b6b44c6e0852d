namespace GongTongDizao.WeChat.Tests.Infrastructure;

/// <summary>Configuration values shared by the tests.</summary>
internal static class TestValues
{
    public const string AppId = "wx0123456789abcdef";
    public const string AppSecret = "test-app-secret-7f3a9c";
    public const string Token = "PushToken123";

    /// <summary>The EncodingAESKey of WeChat's own examples.</summary>
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    public static void Apply(WeChatClientOptions options)
    {
        options.AppId = AppId;
        options.AppSecret = AppSecret;
        options.Token = Token;
        options.EncodingAesKey = EncodingAesKey;
        options.PushMode = WeChatPushMode.Safe;
        options.BaseAddress = new Uri("https://api.weixin.qq.com/");
    }
}
