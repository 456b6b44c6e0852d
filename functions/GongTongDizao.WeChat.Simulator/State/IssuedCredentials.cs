namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// Every credential the simulator handed out, so a test can prove none of them reached a log. Kept across
/// <see cref="WeChatSimulatorState.Reset"/>: a token issued before a reset can still have been logged after it.
/// </summary>
public sealed class IssuedCredentials
{
    private readonly List<string> _accessTokens = [];
    private readonly List<string> _sessionKeys = [];
    private readonly HashSet<string> _openIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unionIds = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyList<string> AccessTokens => Copy(_accessTokens);

    public IReadOnlyList<string> SessionKeys => Copy(_sessionKeys);

    public IReadOnlyList<string> OpenIds => Copy(_openIds);

    public IReadOnlyList<string> UnionIds => Copy(_unionIds);

    internal void RecordAccessToken(string token)
    {
        lock (_lock)
        {
            _accessTokens.Add(token);
        }
    }

    internal void RecordSession(string openId, string? unionId, string sessionKey)
    {
        lock (_lock)
        {
            _openIds.Add(openId);
            if (unionId is not null)
            {
                _unionIds.Add(unionId);
            }

            _sessionKeys.Add(sessionKey);
        }
    }

    private string[] Copy(IEnumerable<string> values)
    {
        lock (_lock)
        {
            return [.. values];
        }
    }
}
