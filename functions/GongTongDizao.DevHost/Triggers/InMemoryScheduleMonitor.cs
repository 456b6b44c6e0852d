using System.Collections.Concurrent;
using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace GongTongDizao.DevHost.Triggers;

/// <summary>
/// Keeps each timer's Last/Next in memory for the life of one <see cref="TriggerHost"/>, in place of the SDK's
/// StorageScheduleMonitor, which crashes on the Host.Storage versions this SDK line meets and would write to a blob
/// container; a local host that starts fresh has no missed occurrences to catch up on (IsPastDue stays false).
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
