namespace GongTongDizao.WeChat.Simulator;

/// <summary>Active fault switches, consumed call by call.</summary>
internal sealed class FaultSwitchboard
{
    private readonly List<(SimulatorFault Fault, int Remaining)> _faults = [];
    private readonly Lock _lock = new();

    public void Add(SimulatorFault fault)
    {
        lock (_lock)
        {
            _faults.Add((fault, fault.Count == 0 ? 1 : fault.Count));
        }
    }

    /// <summary>The fault that applies to this call of <paramref name="api"/>, if any, counting it down.</summary>
    public SimulatorFault? Take(string api)
    {
        lock (_lock)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if (fault.Api != SimulatorApis.All && !string.Equals(fault.Api, api, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (remaining > 0)
                {
                    remaining--;
                    if (remaining == 0)
                    {
                        _faults.RemoveAt(i);
                    }
                    else
                    {
                        _faults[i] = (fault, remaining);
                    }
                }

                return fault;
            }

            return null;
        }
    }

    public IReadOnlyList<SimulatorFault> Snapshot()
    {
        lock (_lock)
        {
            return _faults.Select(f => f.Fault with { Count = f.Remaining }).ToArray();
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _faults.Clear();
        }
    }
}
