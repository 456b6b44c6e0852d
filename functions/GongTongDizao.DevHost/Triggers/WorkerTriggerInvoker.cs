using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Rpc;
using GongTongDizao.DevHost.Worker;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Runs a queue or timer trigger on the worker: the InvocationRequest the Functions host sends for it (the
/// message text or TimerInfo JSON under the trigger's binding name, the trigger metadata beside it). A failed
/// invocation throws, so the listener retries the message and finally moves it to the poison queue.
/// </summary>
public sealed class WorkerTriggerInvoker(WorkerSupervisor supervisor, TimeSpan functionTimeout) : ITriggerInvoker
{
    private static readonly TimeSpan s_readyWait = TimeSpan.FromSeconds(60);

    public async Task InvokeAsync(TriggerInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var channel = await supervisor.GetReadyAsync(s_readyWait, cancellationToken);

        // Function ids are the worker's: after a restart the same name has a new id.
        var function = channel.Functions.FirstOrDefault(f => f.Name == invocation.Function.Name)
            ?? throw new WorkerUnavailableException($"The worker has no function {invocation.Function.Name}.");
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = function.FunctionId,
            TraceContext = InvocationTrace.Current(),
        };
        var isTimer = string.Equals(function.TriggerType, WorkerFunction.TimerTrigger, StringComparison.OrdinalIgnoreCase);
        request.InputData.Add(new ParameterBinding
        {
            Name = function.TriggerBindingName,
            Data = isTimer ? new TypedData { Json = invocation.Payload } : new TypedData { String = invocation.Payload },
        });
        foreach (var (name, value) in invocation.Metadata)
        {
            request.TriggerMetadata[name] = name is "DequeueCount" ? new TypedData { Json = value } : new TypedData { String = value };
        }

        // The host stopping (or scaling in) cancels the invocation's token. As the Functions host does, that is passed
        // to the worker and the host waits for its answer rather than abandoning it: abandoned, the listener could
        // neither complete nor release the message, which would stay leased for its 10 minutes, and the work the
        // function finishes (a broadcast page sends the next page's message) would be cut off with the worker.
        // Only functionTimeout abandons an invocation.
        using var timeout = new CancellationTokenSource(functionTimeout);
        await using var cancel = cancellationToken.Register(() => _ = channel.CancelAsync(request.InvocationId));
        var response = await channel.InvokeAsync(request, function, timeout.Token);
        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            throw new FunctionInvocationException($"{function.Name} failed: {response.Result?.Exception?.Message ?? response.Result?.Result}");
        }
    }
}

/// <summary>The worker reported a failed invocation.</summary>
public sealed class FunctionInvocationException : Exception
{
    public FunctionInvocationException()
    {
    }

    public FunctionInvocationException(string message)
        : base(message)
    {
    }

    public FunctionInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
