using System.Text.Json;

namespace GongTongDizao.WeChat;

public partial class WeChatClient
{
    /// <summary>Exchanges a phone-number code without naming the user; prefer the overload with the openid.</summary>
    public Task<PhoneNumberInfo> GetPhoneNumberAsync(string code, CancellationToken cancellationToken = default) =>
        GetPhoneNumberAsync(code, openId: null, cancellationToken);

    /// <summary>
    /// Exchanges a code from the phone-number button (not a <c>wx.login</c> code) for the user's phone number
    /// and checks that <c>watermark.appid</c> is ours. Sends <paramref name="openId"/> (the signed-in user) so WeChat
    /// refuses a code issued to someone else. Codes are single-use and live 5 minutes (doc "手机号快速验证
    /// getPhoneNumber"), and each call is paid: never repeated.
    /// </summary>
    /// <exception cref="WeChatDataIntegrityException">The watermark names another AppID.</exception>
    public virtual async Task<PhoneNumberInfo> GetPhoneNumberAsync(string code, string? openId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var call = new WeChatApiCall("getuserphonenumber", HttpMethod.Post, "/wxa/business/getuserphonenumber")
        {
            JsonBody = JsonSerializer.Serialize(new PhoneNumberRequest(code, string.IsNullOrWhiteSpace(openId) ? null : openId), WeChatJsonContext.Default.PhoneNumberRequest),
            RequiresAccessToken = true,
            Idempotent = false,
        };

        var response = (await CallAsync(call, cancellationToken)).EnsureSuccess();
        if (!WeChatJson.TryGet(response.Root, "phone_info", out var info) || info.ValueKind != JsonValueKind.Object)
        {
            throw new WeChatApiException(WeChatErrorCodes.SystemBusy, "getuserphonenumber answered without phone_info", call.Name);
        }

        var watermarkAppId = WeChatJson.TryGet(info, "watermark", out var watermark) ? WeChatJson.GetString(watermark, "appid") : null;
        if (!string.Equals(watermarkAppId, _options.AppId, StringComparison.Ordinal))
        {
            throw new WeChatDataIntegrityException("The phone number's watermark names another AppID; it was not issued for this mini-program.");
        }

        var timestamp = WeChatJson.GetInt64(watermark, "timestamp");
        return new PhoneNumberInfo(
            WeChatJson.GetString(info, "phoneNumber") ?? string.Empty,
            WeChatJson.GetString(info, "purePhoneNumber") ?? string.Empty,
            // countryCode arrives as a number or a string; AsString reads both.
            WeChatJson.GetString(info, "countryCode") ?? string.Empty,
            timestamp is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null);
    }
}
