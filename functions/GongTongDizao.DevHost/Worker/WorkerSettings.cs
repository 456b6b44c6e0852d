namespace GongTongDizao.DevHost.Worker;

/// <summary>The app settings this host gives the worker (name → value, ':' separated like .NET configuration).</summary>
public sealed class WorkerSettings(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;
}
