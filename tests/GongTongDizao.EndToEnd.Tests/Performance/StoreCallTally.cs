namespace GongTongDizao.EndToEnd.Tests.Performance;

/// <summary>The store calls one HTTP request made. Thread-safe: a handler may run calls in parallel.</summary>
public sealed class StoreCallTally
{
    private readonly List<string> _log = [];
    private readonly List<(string Call, double Milliseconds)> _timeline = [];
    private int _pointReads;
    private int _writes;
    private int _queries;
    private int _crossPartitionQueries;
    private int _metadata;
    private int _queryPlans;
    private int _queueSends;

    public int PointReads => _pointReads;

    public int Writes => _writes;

    /// <summary>Query (and read-feed) round trips, single- and cross-partition alike.</summary>
    public int Queries => _queries;

    public int CrossPartitionQueries => _crossPartitionQueries;

    /// <summary>Database, container and partition-key-range requests the SDK makes for itself.</summary>
    public int Metadata => _metadata;

    public int QueueSends => _queueSends;

    /// <summary>
    /// Plans the SDK fetches from the gateway before running a query (it cannot plan locally on Linux) unless the query
    /// is executed directly: a round trip of its own, reported apart from the query it serves.
    /// </summary>
    public int QueryPlans => _queryPlans;

    /// <summary>Every counted call as "kind target", for the failure message when a figure is off.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>
    /// Every round trip the invocation made (store calls and WeChat calls alike) with its own duration, in the order
    /// they finished: where the request's time went.
    /// </summary>
    public IReadOnlyList<(string Call, double Milliseconds)> Timeline
    {
        get
        {
            lock (_timeline)
            {
                return [.. _timeline];
            }
        }
    }

    /// <summary>The request's time in the host, from its request log line (null when the line had none).</summary>
    public double? RequestMilliseconds { get; set; }

    public void Time(string call, double milliseconds)
    {
        lock (_timeline)
        {
            _timeline.Add((call, milliseconds));
        }
    }

    public void CountPointRead(string target) => Add(ref _pointReads, "read", target);

    public void CountWrite(string target) => Add(ref _writes, "write", target);

    public void CountQuery(string target, bool crossPartition)
    {
        if (crossPartition)
        {
            Interlocked.Increment(ref _crossPartitionQueries);
        }

        Add(ref _queries, crossPartition ? "query (cross-partition)" : "query", target);
    }

    public void CountQueryPlan(string target) => Add(ref _queryPlans, "query plan", target);

    public void CountMetadata(string target) => Add(ref _metadata, "metadata", target);

    public void CountQueueSend(string queue) => Add(ref _queueSends, "queue send", queue);

    public override string ToString() => string.Join("; ", Log);

    private void Add(ref int counter, string kind, string target)
    {
        Interlocked.Increment(ref counter);
        lock (_log)
        {
            _log.Add($"{kind} {target}");
        }
    }
}
