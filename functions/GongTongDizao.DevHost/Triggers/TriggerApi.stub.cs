// TEMPORARY: replaced by the WebJobs trigger host when branch 'triggers' is merged.
namespace GongTongDizao.DevHost.Triggers;

public sealed record TriggerFunction(string FunctionId, string Name, string BindingName, string BindingJson);

public sealed record TriggerInvocation(TriggerFunction Function, string Payload, IReadOnlyDictionary<string, string> Metadata);

public interface ITriggerInvoker
{
    Task InvokeAsync(TriggerInvocation invocation, CancellationToken cancellationToken);
}

public sealed class TriggerHostOptions
{
    public required string StorageConnectionString { get; init; }

    public required string HostJsonPath { get; init; }

    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public TimeSpan? TimerInterval { get; init; }
}

public sealed class TriggerHost : IAsyncDisposable
{
    public static Task<TriggerHost> StartAsync(IEnumerable<TriggerFunction> functions, TriggerHostOptions options, ITriggerInvoker invoker, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        Task.FromResult(new TriggerHost());

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
