using System.Collections.Concurrent;
using System.ComponentModel;
using System.Globalization;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Newtonsoft.Json;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// The one entry point the emitted function classes call (they cannot hold instance state). Each
/// <see cref="TriggerHost"/> registers under its own key, which is baked into its emitted class, and unregisters on dispose.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TriggerDispatcher
{
    private static readonly ConcurrentDictionary<string, TriggerRegistration> s_hosts = new(StringComparer.Ordinal);

    internal static readonly string[] s_queueMetadataKeys =
        ["QueueTrigger", "DequeueCount", "Id", "PopReceipt", "InsertionTime", "ExpirationTime", "NextVisibleTime"];

    /// <summary>Called by the emitted function methods; not for other callers.</summary>
    public static Task DispatchAsync(string hostKey, int functionIndex, object trigger, Binder binder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(binder);
        if (!s_hosts.TryGetValue(hostKey, out var host))
        {
            throw new InvalidOperationException($"Trigger host {hostKey} is no longer running.");
        }

        var binding = host.Bindings[functionIndex];
        if (!host.TryEnter(binding.Kind))
        {
            // Stopped: a timer's firing is skipped, as if it had come after the stop.
            return Task.CompletedTask;
        }

        return InvokeAsync(host, binding, functionIndex, trigger, binder, cancellationToken);
    }

    private static async Task InvokeAsync(TriggerRegistration host, TriggerBinding binding, int functionIndex, object trigger, Binder binder, CancellationToken cancellationToken)
    {
        try
        {
            var invocation = binding.Kind == TriggerKind.Queue
                ? new TriggerInvocation(binding.Function, (string)trigger, QueueMetadata(binder.BindingData))
                : new TriggerInvocation(binding.Function, TimerPayload(host, functionIndex, (TimerInfo)trigger), new Dictionary<string, string>());
            await host.Invoker.InvokeAsync(invocation, cancellationToken);
        }
        finally
        {
            host.Exit();
        }
    }

    /// <summary>
    /// The TimerInfo as the Functions host serialises it for the worker. The timer extension's value reaches the
    /// function without its ScheduleStatus (observed with Extensions 3.0.6), so the status is kept here the way the
    /// timer listener keeps it: Last = this firing, Next = the schedule's next occurrence after it. The first firing
    /// has Last and LastUpdated at DateTime's default, as after a fresh start in Azure.
    /// </summary>
    private static string TimerPayload(TriggerRegistration host, int functionIndex, TimerInfo timer)
    {
        var now = host.Time.GetLocalNow().DateTime;
        var status = timer.ScheduleStatus
            ?? host.TimerStatuses.GetValueOrDefault(functionIndex)
            ?? new ScheduleStatus { Last = default, Next = now, LastUpdated = default };
        host.TimerStatuses[functionIndex] = new ScheduleStatus { Last = now, Next = timer.Schedule.GetNextOccurrence(now), LastUpdated = now };
        return JsonConvert.SerializeObject(new TimerInfo(timer.Schedule, status, timer.IsPastDue));
    }

    internal static void Register(string hostKey, TriggerRegistration registration)
    {
        if (!s_hosts.TryAdd(hostKey, registration))
        {
            throw new InvalidOperationException($"Trigger host {hostKey} is already registered.");
        }
    }

    internal static void Unregister(string hostKey) => s_hosts.TryRemove(hostKey, out _);

    private static Dictionary<string, string> QueueMetadata(Dictionary<string, object> bindingData)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in s_queueMetadataKeys)
        {
            if (bindingData.TryGetValue(key, out var value) && value is not null)
            {
                metadata[key] = value switch
                {
                    DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                    DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? string.Empty,
                };
            }
        }

        return metadata;
    }
}

/// <summary>What the dispatcher needs of one running <see cref="TriggerHost"/>.</summary>
internal sealed class TriggerRegistration(IReadOnlyList<TriggerBinding> bindings, ITriggerInvoker invoker, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _running;
    private bool _closed;
    private TaskCompletionSource? _idle;

    public IReadOnlyList<TriggerBinding> Bindings { get; } = bindings;

    public ITriggerInvoker Invoker { get; } = invoker;

    public TimeProvider Time { get; } = time;

    /// <summary>Each timer's status after its last firing, by function index.</summary>
    public ConcurrentDictionary<int, ScheduleStatus> TimerStatuses { get; } = new();

    /// <summary>
    /// Admits one invocation. After <see cref="CloseAsync"/> a timer's firing is refused; a queue message is still
    /// processed: the listener took it off the queue before it stopped, and refusing it would leave it invisible for
    /// the rest of its lease, where another host on the same queue cannot take it either.
    /// </summary>
    public bool TryEnter(TriggerKind kind)
    {
        lock (_lock)
        {
            if (_closed && kind == TriggerKind.Timer)
            {
                return false;
            }

            _running++;
            return true;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            if (--_running == 0)
            {
                _idle?.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Admits no timer firing any more and completes when the invocations already admitted have finished. The WebJobs
    /// job host's stop does not wait for a timer that fired as it stopped, so without this gate a timer function could
    /// still start after <see cref="TriggerHost.StopAsync"/> returned.
    /// </summary>
    public Task CloseAsync()
    {
        lock (_lock)
        {
            _closed = true;
            if (_running == 0)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task;
        }
    }
}
