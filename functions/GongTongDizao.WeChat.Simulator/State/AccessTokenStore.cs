using System.Security.Cryptography;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// stable_token semantics: normal mode returns the current token to every caller until 5 minutes before it
/// expires, then issues a new one while the old one stays valid; force_refresh issues a new one at once and
/// invalidates the previous.
/// </summary>
internal sealed class AccessTokenStore(WeChatSimulatorOptions options, IssuedCredentials issued)
{
    private static readonly TimeSpan s_rotationWindow = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, DateTimeOffset> _valid = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private string? _current;
    private DateOnly _forceDay;
    private int _forceCount;
    private DateTimeOffset? _lastForced;

    /// <summary>
    /// The token for a stable_token call, or 45009 when force_refresh is over its daily limit. Forced refreshes follow
    /// doc "获取稳定版接口调用凭据 getStableAccessToken": 强制刷新模式限制每天20次 (the doc names no errcode; 45009 is
    /// WeChat's "reach max api daily quota limit"), and 连续使用该模式时,请保证调用时间隔至少为30s,否则不会刷新 (a forced
    /// call sooner than that returns the current token unchanged). Days are Beijing days.
    /// </summary>
    public (string? Token, long ExpiresIn, int ErrCode) Get(bool forceRefresh)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_lock)
        {
            if (forceRefresh)
            {
                var day = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
                if (day != _forceDay)
                {
                    (_forceDay, _forceCount) = (day, 0);
                }

                if (_forceCount >= options.ForceRefreshDailyLimit)
                {
                    return (null, 0, 45009);
                }

                _forceCount++;
                if (_lastForced is not { } last || now - last >= options.ForceRefreshMinInterval)
                {
                    if (_current is not null)
                    {
                        _valid.Remove(_current);
                        _current = null;
                    }

                    _lastForced = now;
                }
            }

            if (_current is not null && _valid.TryGetValue(_current, out var expiry) && now < expiry - s_rotationWindow)
            {
                return (_current, (long)(expiry - now).TotalSeconds, 0);
            }

            _current = "SIM_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');
            _valid[_current] = now + options.AccessTokenLifetime;
            issued.RecordAccessToken(_current);
            return (_current, (long)options.AccessTokenLifetime.TotalSeconds, 0);
        }
    }

    /// <summary>0 when valid; 41001 missing, 40001 unknown, 42001 expired.</summary>
    public int Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return SimulatorErrors.MissingAccessToken;
        }

        lock (_lock)
        {
            if (!_valid.TryGetValue(token, out var expiry))
            {
                return SimulatorErrors.InvalidCredential;
            }

            return options.TimeProvider.GetUtcNow() < expiry ? 0 : SimulatorErrors.AccessTokenExpired;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _valid.Clear();
            _current = null;
            (_forceDay, _forceCount, _lastForced) = (default, 0, null);
        }
    }
}
