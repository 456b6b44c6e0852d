namespace GongTongDizao.DevHost.Worker;

/// <summary>The worker is not connected (starting, restarting or gone), so an invocation cannot run.</summary>
public sealed class WorkerUnavailableException : Exception
{
    public WorkerUnavailableException()
        : this("The Functions worker is not available.")
    {
    }

    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    public WorkerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
