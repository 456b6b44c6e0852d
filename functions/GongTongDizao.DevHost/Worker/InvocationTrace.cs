using System.Diagnostics;
using GongTongDizao.DevHost.Rpc;

namespace GongTongDizao.DevHost.Worker;

/// <summary>The W3C trace context an InvocationRequest carries: the current activity's, or a new root.</summary>
public static class InvocationTrace
{
    public static RpcTraceContext Current() =>
        new() { TraceParent = Activity.Current?.Id ?? $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01" };
}
