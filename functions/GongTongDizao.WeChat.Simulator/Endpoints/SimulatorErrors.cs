using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>WeChat's errcodes and the shape of its error answers (HTTP 200, errmsg ending in a rid).</summary>
internal static class SimulatorErrors
{
    public const int SystemBusy = -1;
    public const int InvalidCredential = 40001;
    public const int InvalidGrantType = 40002;
    public const int InvalidOpenId = 40003;
    public const int InvalidAppId = 40013;
    public const int InvalidCode = 40029;
    public const int InvalidTemplateId = 40037;
    public const int InvalidArgs = 40097;
    public const int InvalidAppSecret = 40125;
    public const int CodeUsed = 40163;
    /// <summary>msg_sec_check / media_check_async: 场景值错误 (doc "文本内容安全识别"); getwxacodeunlimit: invalid scene characters.</summary>
    public const int InvalidScene = 40129;

    /// <summary>getwxacodeunlimit: "invalid length for scene, or the data is not json string".</summary>
    public const int InvalidSceneLength = 40169;

    /// <summary>stable_token and getAccessToken from an address not in the IP whitelist.</summary>
    public const int IpNotWhitelisted = 40164;

    /// <summary>msg_sec_check / media_check_async: 用户访问记录超时 (the openid has not used the mini-program in 2 hours).</summary>
    public const int UserVisitExpired = 61010;
    public const int HighRiskUser = 40226;
    public const int MissingAccessToken = 41001;
    public const int MissingCode = 41008;
    public const int InvalidPage = 41030;
    public const int AccessTokenExpired = 42001;
    public const int SubscriptionRefused = 43101;
    public const int DataFormatError = 47001;
    public const int InvalidData = 47003;

    public static string NewRid() =>
        $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public static IResult Error(int errCode, string message) =>
        Results.Json(new JsonObject { ["errcode"] = errCode, ["errmsg"] = $"{message} rid: {NewRid()}" });

    public static string DefaultMessage(int errCode) => errCode switch
    {
        SystemBusy => "system error",
        InvalidCredential => "invalid credential, access_token is invalid or not latest",
        AccessTokenExpired => "access_token expired",
        45009 => "reach max api daily quota limit",
        UserVisitExpired => "code is expired",
        45011 => "api minute-quota reach limit  mustslower  retry next minute",
        _ => "simulated error",
    };
}
