namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// When each openid last used the mini-program: a login (jscode2session) or a visit recorded by a test. msg_sec_check
/// and media_check_async v2 accept only openids seen within <see cref="WeChatSimulatorOptions.ActiveUserWindow"/>
/// (doc "文本内容安全识别 msgSecCheck": 用户的openid(用户需在近两小时访问过小程序); errcode 61010 otherwise).
/// </summary>
internal sealed class ActiveUserStore(WeChatSimulatorOptions options)
{
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Seen(string openId)
    {
        lock (_lock)
        {
            _lastSeen[openId] = options.TimeProvider.GetUtcNow();
        }
    }

    public bool IsActive(string openId)
    {
        lock (_lock)
        {
            return _lastSeen.TryGetValue(openId, out var at) && options.TimeProvider.GetUtcNow() - at <= options.ActiveUserWindow;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _lastSeen.Clear();
        }
    }
}
