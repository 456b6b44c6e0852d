using System.Collections.Concurrent;
using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Keeps each timer's Last/Next in memory for the life of one <see cref="TriggerHost"/>, so the TimerInfo carries a
/// ScheduleStatus as in Azure. The SDK's default StorageScheduleMonitor is not used: it crashes on the Host.Storage
/// this SDK line resolves, and a local host that starts fresh has no missed occurrences to catch up on.
/// </summary>
internal sealed class InMemoryScheduleMonitor : ScheduleMonitor
{
    private readonly ConcurrentDictionary<string, ScheduleStatus> _statuses = new(StringComparer.Ordinal);

    public override Task<ScheduleStatus> GetStatusAsync(string timerName) =>
        Task.FromResult(_statuses.TryGetValue(timerName, out var status) ? status : null!);

    public override Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        _statuses[timerName] = status;
        return Task.CompletedTask;
    }
}
