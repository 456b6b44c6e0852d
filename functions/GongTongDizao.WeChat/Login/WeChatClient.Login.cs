namespace GongTongDizao.WeChat;

public partial class WeChatClient
{
    /// <summary>
    /// Exchanges a <c>wx.login</c> code for the user's openid, unionid (when bound to an Open Platform account)
    /// and session_key (<c>GET /sns/jscode2session</c>). Codes are single-use and live about 5 minutes;
    /// 40029 (invalid), 40163 (used), 40226 (high-risk user) throw <see cref="WeChatApiException"/>.
    /// </summary>
    public virtual async Task<Code2SessionResult> Code2SessionAsync(string jsCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jsCode);
        var call = new WeChatApiCall("jscode2session", HttpMethod.Get, "/sns/jscode2session")
        {
            Query =
            [
                new("appid", _options.AppId),
                new("secret", _options.AppSecret),
                new("js_code", jsCode),
                new("grant_type", "authorization_code"),
            ],
            // The code is single-use: a repeat after a lost answer would only produce 40163.
            Idempotent = false,
        };

        var response = (await CallAsync(call, cancellationToken)).EnsureSuccess();
        var openId = WeChatJson.GetString(response.Root, "openid");
        var sessionKey = WeChatJson.GetString(response.Root, "session_key");
        if (string.IsNullOrEmpty(openId) || string.IsNullOrEmpty(sessionKey))
        {
            throw new WeChatApiException(WeChatErrorCodes.SystemBusy, "jscode2session answered without openid or session_key", call.Name);
        }

        var unionId = WeChatJson.GetString(response.Root, "unionid");
        return new Code2SessionResult(openId, string.IsNullOrEmpty(unionId) ? null : unionId, sessionKey);
    }
}
