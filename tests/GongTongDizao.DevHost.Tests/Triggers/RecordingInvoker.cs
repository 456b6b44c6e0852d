using System.Collections.Concurrent;
using GongTongDizao.DevHost.Triggers;

namespace GongTongDizao.DevHost.Tests.Triggers;

/// <summary>A fake worker: records every invocation (with when it ran and how many ran at once) and runs a behaviour.</summary>
internal sealed class RecordingInvoker(Func<TriggerInvocation, CancellationToken, Task>? behaviour = null) : ITriggerInvoker
{
    private readonly ConcurrentQueue<Call> _calls = new();
    private int _running;
    private int _maxRunning;

    public IReadOnlyList<Call> Calls => [.. _calls];

    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    public async Task InvokeAsync(TriggerInvocation invocation, CancellationToken cancellationToken)
    {
        var call = new Call(invocation, DateTimeOffset.UtcNow);
        _calls.Enqueue(call);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            if (behaviour is not null)
            {
                await behaviour(invocation, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            call.Ended = DateTimeOffset.UtcNow;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    internal sealed record Call(TriggerInvocation Invocation, DateTimeOffset Started)
    {
        public DateTimeOffset? Ended { get; set; }
    }
}
