namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Sends the job host's log lines to the caller's logger factory, so that the job host's own filters (Azure.Core
/// polls at Warning, host.json's logLevel) apply on top of the caller's without touching them.
/// </summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory target) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => target.CreateLogger(categoryName);

    public void Dispose()
    {
        // The target belongs to the caller.
    }
}

/// <summary>The job host lives inside another host: no Ctrl+C or SIGTERM handling of its own.</summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
