using Microsoft.Extensions.Options;

namespace GongTongDizao.WeChat;

/// <summary>
/// The WeChat hosts a call may go to (<see cref="WeChatClientOptions.ApiHosts"/>) and which one to try first. WeChat
/// documents api2.weixin.qq.com as the host "to use when api.weixin.qq.com cannot be reached"
/// (developers.weixin.qq.com/doc/service/Basic_Information/Interface_field_description.html). After a call had to
/// fail over, the host that answered is tried first for <see cref="WeChatClientOptions.FailoverStickiness"/>, so an
/// outage does not cost every call a round of connection retries; then the primary is tried first again.
/// One per process (a singleton), shared by the client and the token provider.
/// </summary>
public sealed class WeChatApiHosts
{
    private readonly IReadOnlyList<Uri> _hosts;
    private readonly TimeSpan _stickiness;
    private readonly Lock _gate = new();
    private int _preferred;
    private DateTimeOffset _preferredUntil;

    public WeChatApiHosts(IOptions<WeChatClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _hosts = options.Value.ApiHosts();
        _stickiness = options.Value.FailoverStickiness;
    }

    /// <summary>Every configured host, primary first.</summary>
    public IReadOnlyList<Uri> All => _hosts;

    /// <summary>The hosts in the order this call should try them.</summary>
    internal IReadOnlyList<Uri> InOrder()
    {
        lock (_gate)
        {
            // Network failover is a wall-clock matter (like the resilience pipeline's timeouts), not business time,
            // which tests freeze.
            if (_preferred == 0 || TimeProvider.System.GetUtcNow() >= _preferredUntil)
            {
                _preferred = 0;
                return _hosts;
            }

            return [_hosts[_preferred], .. _hosts.Where((_, i) => i != _preferred)];
        }
    }

    /// <summary>Records that <paramref name="host"/> answered after an earlier host in the order could not be reached.</summary>
    internal void Answered(Uri host, bool afterFailover)
    {
        var index = IndexOf(host);
        lock (_gate)
        {
            if (index == 0)
            {
                _preferred = 0;
            }
            else if (afterFailover && index > 0 && _stickiness > TimeSpan.Zero)
            {
                _preferred = index;
                _preferredUntil = TimeProvider.System.GetUtcNow() + _stickiness;
            }
        }
    }

    private int IndexOf(Uri host)
    {
        for (var i = 0; i < _hosts.Count; i++)
        {
            if (_hosts[i] == host)
            {
                return i;
            }
        }

        return -1;
    }
}
