using System.Security.Cryptography;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// Codes from the phone-number button (open-type="getPhoneNumber"), issued through the test controls: each yields
/// one phone number, once, within <see cref="WeChatSimulatorOptions.PhoneCodeLifetime"/>
/// (doc "手机号快速验证 getPhoneNumber": 每个 code 只能使用一次,code 的有效期为 5min), and only for the openid it was
/// issued to when the caller names one (the optional <c>openid</c> of the request).
/// </summary>
internal sealed class PhoneCodeStore(WeChatSimulatorOptions options)
{
    private readonly Dictionary<string, IssuedPhoneCode> _codes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public string Issue(string phoneNumber, string? openId)
    {
        var code = "simphone" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_lock)
        {
            _codes[code] = new IssuedPhoneCode(phoneNumber, openId, options.TimeProvider.GetUtcNow() + options.PhoneCodeLifetime);
        }

        return code;
    }

    /// <summary>The phone number of <paramref name="code"/>, or the errcode WeChat would answer.</summary>
    public (string? PhoneNumber, int ErrCode, string ErrMsg) Redeem(string code, string? callerOpenId)
    {
        lock (_lock)
        {
            if (!_codes.TryGetValue(code, out var issued))
            {
                return (null, SimulatorErrors.InvalidCode, "invalid code");
            }

            if (issued.Used)
            {
                return (null, SimulatorErrors.InvalidCode, "code been used");
            }

            if (options.TimeProvider.GetUtcNow() > issued.ExpiresAt)
            {
                return (null, SimulatorErrors.InvalidCode, "code expired");
            }

            if (!string.IsNullOrEmpty(callerOpenId) && issued.OpenId is not null && !string.Equals(callerOpenId, issued.OpenId, StringComparison.Ordinal))
            {
                // The code was issued to another user: refused, and left for its owner.
                return (null, SimulatorErrors.InvalidCode, "code does not belong to the openid");
            }

            _codes[code] = issued with { Used = true };
            return (issued.PhoneNumber, 0, "ok");
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _codes.Clear();
        }
    }

    private sealed record IssuedPhoneCode(string PhoneNumber, string? OpenId, DateTimeOffset ExpiresAt, bool Used = false);
}
