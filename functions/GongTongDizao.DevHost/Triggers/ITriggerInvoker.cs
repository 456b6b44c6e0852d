namespace GongTongDizao.DevHost.Triggers;

/// <summary>Runs a function for a trigger firing (in the DevHost: an InvocationRequest to the worker).</summary>
public interface ITriggerInvoker
{
    /// <summary>
    /// Completes when the function succeeded; throws when it failed, so that the queue listener retries the
    /// message after host.json's visibilityTimeout and moves it to <c>&lt;queue&gt;-poison</c> after maxDequeueCount tries.
    /// </summary>
    Task InvokeAsync(TriggerInvocation invocation, CancellationToken cancellationToken);
}
