using System.Security.Cryptography;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// stable_token semantics: normal mode returns the current token to every caller until 5 minutes before it
/// expires, then issues a new one while the old one stays valid; force_refresh issues a new one at once and
/// invalidates the previous.
/// </summary>
internal sealed class AccessTokenStore(WeChatSimulatorOptions options, IssuedCredentials issued)
{
    private static readonly TimeSpan RotationWindow = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, DateTimeOffset> _valid = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private string? _current;

    public (string Token, long ExpiresIn) Get(bool forceRefresh)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_lock)
        {
            if (forceRefresh && _current is not null)
            {
                _valid.Remove(_current);
                _current = null;
            }

            if (_current is not null && _valid.TryGetValue(_current, out var expiry) && now < expiry - RotationWindow)
            {
                return (_current, (long)(expiry - now).TotalSeconds);
            }

            _current = "SIM_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');
            _valid[_current] = now + options.AccessTokenLifetime;
            issued.RecordAccessToken(_current);
            return (_current, (long)options.AccessTokenLifetime.TotalSeconds);
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
        }
    }
}
