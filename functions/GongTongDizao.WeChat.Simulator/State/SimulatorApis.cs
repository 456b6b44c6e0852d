namespace GongTongDizao.WeChat.Simulator;

/// <summary>API names used for statistics and fault switches.</summary>
public static class SimulatorApis
{
    public const string Code2Session = "jscode2session";
    public const string StableToken = "stable_token";
    public const string SubscribeSend = "subscribe_send";
    public const string MsgSecCheck = "msg_sec_check";
    public const string MediaCheckAsync = "media_check_async";
    public const string GetUserPhoneNumber = "getuserphonenumber";
    public const string GetUnlimitedQrCode = "getwxacodeunlimit";

    /// <summary>In a fault: every API.</summary>
    public const string All = "*";
}
