using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Hours;

/// <summary>
/// Closes the forgotten check-outs of a session once its code stops working (its end plus the grace): each volunteer
/// checked in and not out gets the attendance a check-out at the session's end would have given, flagged as closed by
/// the system so the organiser looks before approving. Idempotent: the attendance's id is the record's, so a repeated
/// message, or a check-out that came first, leaves one attendance.
/// </summary>
public sealed class CheckOutCloser(HoursLedger ledger, TimerQueue timers, IOptions<HoursOptions> options, TimeProvider time) : ITimerHandler
{
    public const string Kind = "hours.close_check_outs";

    public IReadOnlyCollection<string> Kinds { get; } = [Kind];

    public async Task HandleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        if (message.DueAt > now)
        {
            // Delivered early (a queue message waits at most seven days): wait again.
            await timers.ScheduleAsync(message, cancellationToken);
            return;
        }

        await foreach (var checkIn in ledger.CheckInsOfSessionAsync(message.EntityId, message.PartitionKey, cancellationToken))
        {
            if (checkIn.Participant || await ledger.FindAsync(checkIn.VolunteerId, checkIn.RecordId, cancellationToken) is not null)
            {
                continue;
            }

            await ledger.TryAppendAsync(CheckIn.Attendance(checkIn, checkIn.Service.End, now, autoClosed: true, options.Value), cancellationToken);
        }
    }
}
