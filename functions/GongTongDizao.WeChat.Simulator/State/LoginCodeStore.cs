using System.Security.Cryptography;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Login codes issued through the test endpoint: single-use, expiring like wx.login codes.</summary>
internal sealed class LoginCodeStore(WeChatSimulatorOptions options)
{
    private readonly Dictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public (string Code, string OpenId) Issue(string? openId)
    {
        var code = "sim" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(15));
        var owner = string.IsNullOrWhiteSpace(openId) ? OpenIds.NewRandom() : openId;
        lock (_lock)
        {
            _codes[code] = new IssuedCode(owner, options.TimeProvider.GetUtcNow() + options.LoginCodeLifetime);
        }

        return (code, owner);
    }

    /// <summary>Redeems a code: its openid, or the errcode WeChat would answer.</summary>
    public (string? OpenId, int ErrCode) Redeem(string code)
    {
        lock (_lock)
        {
            if (!_codes.TryGetValue(code, out var issued))
            {
                return (null, SimulatorErrors.InvalidCode);
            }

            if (issued.Used)
            {
                return (null, SimulatorErrors.CodeUsed);
            }

            if (options.TimeProvider.GetUtcNow() > issued.ExpiresAt)
            {
                return (null, SimulatorErrors.InvalidCode);
            }

            _codes[code] = issued with { Used = true };
            return (issued.OpenId, 0);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _codes.Clear();
        }
    }

    private sealed record IssuedCode(string OpenId, DateTimeOffset ExpiresAt, bool Used = false);
}
