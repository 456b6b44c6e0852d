using Azure.Storage.Queues;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.Core.Health;

/// <summary>Asks Cosmos DB and Storage whether they answer, each within a short deadline.</summary>
public sealed partial class CheckHealth(CosmosClient cosmos, QueueServiceClient queues, TimeProvider time, ILogger<CheckHealth> logger)
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(5);

    public async Task<HealthReport> HandleAsync(CancellationToken cancellationToken)
    {
        var cosmosCheck = ProbeAsync("cosmos", ct => cosmos.GetDatabase(StoreNames.Database).ReadAsync(cancellationToken: ct), cancellationToken);
        var storageCheck = ProbeAsync("storage", ct => queues.GetQueueClient(StoreNames.Queues.Events).GetPropertiesAsync(ct), cancellationToken);
        var checks = new Dictionary<string, DependencyHealth>
        {
            ["cosmos"] = await cosmosCheck,
            ["storage"] = await storageCheck,
        };
        var healthy = checks.Values.All(c => c.Status == DependencyHealth.Up);
        return new HealthReport(healthy ? "healthy" : "unhealthy", checks);
    }

    private async Task<DependencyHealth> ProbeAsync(string name, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(s_deadline);
        try
        {
            await probe(deadline.Token);
            return new DependencyHealth(DependencyHealth.Up, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogProbeFailed(logger, name, ex.GetType().Name);
            return new DependencyHealth(DependencyHealth.Down, (long)time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health probe {Dependency} failed with {ExceptionType}")]
    private static partial void LogProbeFailed(ILogger logger, string dependency, string exceptionType);
}
