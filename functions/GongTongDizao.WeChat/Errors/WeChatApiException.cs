namespace GongTongDizao.WeChat;

/// <summary>
/// WeChat answered with a non-zero errcode (or an HTTP error status). The one exception type of this client
/// for API failures; transport failures stay <see cref="HttpRequestException"/> and timeouts <see cref="TimeoutException"/>.
/// </summary>
public sealed class WeChatApiException : Exception
{
    public WeChatApiException()
        : this(WeChatErrorCodes.SystemBusy, "unknown WeChat error")
    {
    }

    public WeChatApiException(string message)
        : this(message, innerException: null)
    {
    }

    public WeChatApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrCode = WeChatErrorCodes.SystemBusy;
        ErrMsg = message;
        Classification = WeChatErrorClassification.RetryNow;
    }

    /// <summary>Creates the exception for an errcode returned by <paramref name="api"/>.</summary>
    public WeChatApiException(int errCode, string errMsg, string? api = null, int? httpStatus = null,
        WeChatErrorClassification? classification = null, Exception? innerException = null)
        : base(FormatMessage(errCode, errMsg, api, httpStatus), innerException)
    {
        ErrCode = errCode;
        ErrMsg = errMsg ?? string.Empty;
        Rid = WeChatErrorCodes.ParseRid(errMsg);
        Api = api;
        HttpStatus = httpStatus;
        Classification = classification ?? WeChatErrorCodes.Classify(errCode);
    }

    /// <summary>WeChat's errcode (-1 for HTTP-level failures).</summary>
    public int ErrCode { get; }

    /// <summary>WeChat's errmsg, as received.</summary>
    public string ErrMsg { get; }

    /// <summary>The request id parsed from errmsg, for WeChat support.</summary>
    public string? Rid { get; }

    /// <summary>Which API failed, e.g. <c>subscribe/send</c>.</summary>
    public string? Api { get; }

    /// <summary>The HTTP status when the failure was at HTTP level rather than an errcode.</summary>
    public int? HttpStatus { get; }

    /// <summary>What the caller should do about it.</summary>
    public WeChatErrorClassification Classification { get; }

    private static string FormatMessage(int errCode, string? errMsg, string? api, int? httpStatus) =>
        httpStatus is { } status
            ? $"WeChat {api ?? "API"} failed with HTTP {status}: {errMsg}"
            : $"WeChat {api ?? "API"} failed: errcode {errCode}, errmsg '{errMsg}'.";
}
