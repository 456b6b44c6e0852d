using System.Collections.Concurrent;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Call counters per API, so tests can assert how often the client really called.</summary>
internal sealed class CallStats
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _normalTokenCalls;
    private int _forceRefreshCalls;

    public void Count(string api) => _calls.AddOrUpdate(api, 1, (_, n) => n + 1);

    public void CountStableToken(bool forceRefresh)
    {
        if (forceRefresh)
        {
            Interlocked.Increment(ref _forceRefreshCalls);
        }
        else
        {
            Interlocked.Increment(ref _normalTokenCalls);
        }
    }

    public SimulatorStats Snapshot() => new(
        _calls.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        Volatile.Read(ref _normalTokenCalls),
        Volatile.Read(ref _forceRefreshCalls));

    public void Clear()
    {
        _calls.Clear();
        Interlocked.Exchange(ref _normalTokenCalls, 0);
        Interlocked.Exchange(ref _forceRefreshCalls, 0);
    }
}
