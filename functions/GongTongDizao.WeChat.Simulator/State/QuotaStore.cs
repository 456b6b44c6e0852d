namespace GongTongDizao.WeChat.Simulator;

/// <summary>
/// Subscribe quotas per openid and template: each one-time "accept" is one send; a long-term subscription
/// is unlimited.
/// </summary>
internal sealed class QuotaStore
{
    private readonly Dictionary<(string OpenId, string TemplateId), Quota> _quotas = [];
    private readonly Lock _lock = new();

    public Quota Grant(string openId, string templateId, int count, bool longTerm)
    {
        lock (_lock)
        {
            var key = (openId, templateId);
            var current = _quotas.GetValueOrDefault(key) ?? new Quota(0, false);
            var updated = new Quota(Math.Max(0, current.Remaining + count), current.LongTerm || longTerm);
            _quotas[key] = updated;
            return updated;
        }
    }

    public bool TryConsume(string openId, string templateId)
    {
        lock (_lock)
        {
            var key = (openId, templateId);
            if (!_quotas.TryGetValue(key, out var quota))
            {
                return false;
            }

            if (quota.LongTerm)
            {
                return true;
            }

            if (quota.Remaining <= 0)
            {
                return false;
            }

            _quotas[key] = quota with { Remaining = quota.Remaining - 1 };
            return true;
        }
    }

    public Quota Get(string openId, string templateId)
    {
        lock (_lock)
        {
            return _quotas.GetValueOrDefault((openId, templateId)) ?? new Quota(0, false);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _quotas.Clear();
        }
    }

    internal sealed record Quota(int Remaining, bool LongTerm);
}
