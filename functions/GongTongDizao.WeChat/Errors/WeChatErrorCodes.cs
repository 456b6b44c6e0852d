using System.Text.RegularExpressions;

namespace GongTongDizao.WeChat;

/// <summary>The errcodes this client reacts to, and their classification.</summary>
public static partial class WeChatErrorCodes
{
    public const int Ok = 0;
    public const int SystemBusy = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidOpenId = 40003;
    public const int InvalidAppId = 40013;
    public const int InvalidAccessToken = 40014;
    public const int InvalidCode = 40029;
    public const int InvalidTemplateId = 40037;
    public const int InvalidAppSecret = 40125;
    public const int CodeAlreadyUsed = 40163;
    public const int IpNotWhitelisted = 40164;
    /// <summary>msg_sec_check / media_check_async v2: 场景值错误 (doc "文本内容安全识别"); getwxacodeunlimit: scene characters.</summary>
    public const int InvalidScene = 40129;

    /// <summary>getwxacodeunlimit: "invalid length for scene, or the data is not json string".</summary>
    public const int InvalidSceneLength = 40169;

    /// <summary>msg_sec_check / media_check_async v2: 用户访问记录超时, the openid has not used the mini-program in 2 hours.</summary>
    public const int UserVisitExpired = 61010;
    public const int HighRiskUser = 40226;
    public const int SecretFrozen = 40243;
    public const int MissingAccessToken = 41001;
    public const int InvalidPage = 41030;
    public const int AccessTokenExpired = 42001;
    public const int SubscriptionRefused = 43101;
    public const int DailyLimitReached = 45009;
    public const int MinuteLimitReached = 45011;
    public const int InvalidData = 47003;
    public const int MediaDownloadFailed = -1008;

    /// <summary>Classifies an errcode (see <see cref="WeChatErrorClassification"/>).</summary>
    public static WeChatErrorClassification Classify(int errCode) => errCode switch
    {
        SystemBusy => WeChatErrorClassification.RetryNow,
        InvalidCredential or AccessTokenExpired or InvalidAccessToken => WeChatErrorClassification.RefreshTokenAndRetryOnce,
        // 45009 daily quota, 45011 per-minute frequency, 45047 customer-service frequency, 45033 per-user frequency.
        DailyLimitReached or MinuteLimitReached or 45033 or 45047 => WeChatErrorClassification.RetryLater,
        _ => WeChatErrorClassification.Permanent,
    };

    /// <summary>
    /// Extracts the request id WeChat appends to errmsg (<c>"... rid: 6548ef0e-1ba1e5a3-2d1b0d7c"</c>); support
    /// needs it to trace a call, so it is kept in logs and exceptions.
    /// </summary>
    public static string? ParseRid(string? errMsg)
    {
        if (string.IsNullOrEmpty(errMsg))
        {
            return null;
        }

        var match = RidPattern().Match(errMsg);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"rid:\s*([0-9A-Za-z\-]+)")]
    private static partial Regex RidPattern();
}
