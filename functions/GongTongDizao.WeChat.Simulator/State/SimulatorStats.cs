namespace GongTongDizao.WeChat.Simulator;

/// <summary>Calls per API (<see cref="SimulatorApis"/> names) and stable_token calls by mode.</summary>
public sealed record SimulatorStats(IReadOnlyDictionary<string, int> Calls, int StableTokenNormalCalls, int StableTokenForceRefreshCalls)
{
    public int CallsTo(string api) => Calls.GetValueOrDefault(api);
}
