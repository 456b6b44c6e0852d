namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>
/// The tally of the HTTP request whose async flow is running, if it is being measured. Background work (queue
/// triggers, timers, the outbox sweeper) runs outside any request's flow and so is never counted against one.
/// </summary>
public static class StoreCallScope
{
    private static readonly AsyncLocal<StoreCallTally?> s_current = new();

    public static StoreCallTally? Current => s_current.Value;

    /// <summary>Counts the calls made from here on in this async flow (and the flows it starts) until disposed.</summary>
    public static IDisposable Open(StoreCallTally tally)
    {
        var previous = s_current.Value;
        s_current.Value = tally;
        return new Restore(previous);
    }

    private sealed class Restore(StoreCallTally? previous) : IDisposable
    {
        public void Dispose() => s_current.Value = previous;
    }
}
