using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Timers;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The sessions' timers. An offer not confirmed by its expiry lapses (offer_expired) and the seat moves on to the next
/// one waiting; the day before a session each registered person is reminded; at its end registered sign-ups become
/// attended or no-show from the check-in records (<see cref="IActivityAttendance"/>). Each re-reads the roster and acts
/// only when the message is still current, so a repeated or stale message changes nothing. Once the activity is cancelled
/// they do nothing (no reminder, no offer moves on), except the end of a session that had ended before the cancellation
/// and still records its attendance (0015).
/// </summary>
public sealed class ActivityTimerHandler(RosterTransitions transitions, AggregatePipeline<SessionRoster> pipeline, IActivityAttendance attendance, TimeProvider time) : ITimerHandler
{
    public IReadOnlyCollection<string> Kinds { get; } = [ActivityRosters.OfferTimeoutKind, ActivityRosters.ReminderKind, ActivityRosters.SessionEndKind];

    public async Task HandleAsync(TimerMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await transitions.FindActivityAsync(message.PartitionKey, cancellationToken) is not { } activity)
        {
            return;
        }

        // Once the activity is cancelled its timers do nothing (and read nothing), except the end of a session that had
        // ended before the cancellation, whose attendance still stands. This is the one place that decides it.
        var sessionId = message.EntityId.Split('~')[^1]; // the roster's id: <activityId>~<sessionId>
        if (activity is { Status: ActivityStatus.Cancelled, CancelledAt: { } cancelledAt }
            && (message.Kind != ActivityRosters.SessionEndKind || activity.Session(sessionId) is not { } ended || ended.EndsAt > cancelledAt))
        {
            return;
        }

        var checkedIn = message.Kind == ActivityRosters.SessionEndKind
            ? await attendance.CheckedInSignUpsAsync(activity.Id, sessionId, cancellationToken)
            : null;
        var result = await pipeline.RunAsync(message.EntityId, roster => Task.FromResult(Decide(activity, roster, message, checkedIn)), cancellationToken, maxAttempts: 5);
        if (!result.IsSuccess && result.Error!.Code == ErrorCodes.ConcurrentChange)
        {
            // Throwing retries the message later (then poison): the roster was busy, the deadline still stands.
            throw new InvalidOperationException($"Roster {message.EntityId} stayed busy for {message.Kind}.");
        }
    }

    private Result<AggregateChange<SessionRoster>> Decide(Activity activity, SessionRoster roster, TimerMessage message, IReadOnlySet<string>? checkedIn)
    {
        var now = time.GetUtcNow();
        if (roster.CancelledAt is not null)
        {
            return AggregateChange<SessionRoster>.Unchanged(roster);
        }

        switch (message.Kind)
        {
            case ActivityRosters.OfferTimeoutKind:
                if (message.Data?["signUpId"]?.GetValue<string>() is not { } signUpId
                    || roster.Find(signUpId) is not { Status: SignUpStatus.Offered, OfferExpiresAt: { } expires } offer
                    || expires > now || expires != message.DueAt)
                {
                    return AggregateChange<SessionRoster>.Unchanged(roster);
                }

                var lapsed = SeatRules.Replace(roster, offer with { Status = SignUpStatus.OfferExpired });
                var (after, events, timers) = transitions.OfferFreed(activity, lapsed, now);
                return new AggregateChange<SessionRoster>(after, Audit("activity.offer_expire", "offered", "offer_expired")) { Events = events, Timers = timers };

            case ActivityRosters.ReminderKind when roster.RemindedAt is null && roster.ClosedAt is null && now < roster.StartsAt:
                return new AggregateChange<SessionRoster>(roster with { RemindedAt = now }, Audit("activity.remind", null, null))
                {
                    Events = [.. roster.SignUps.Where(s => s.Status == SignUpStatus.Registered).Select(s => ActivityEvents.Reminder(activity, roster, s, now))],
                };

            case ActivityRosters.SessionEndKind when roster.ClosedAt is null && now >= roster.EndsAt && checkedIn is not null:
                return new AggregateChange<SessionRoster>(SeatRules.Close(roster, checkedIn, now), Audit("activity.session_end", "open", "closed"));

            default:
                return AggregateChange<SessionRoster>.Unchanged(roster);
        }
    }

    private static AuditEntry Audit(string action, string? from, string? to) => new(ActivityEvents.EntityType, action, AuditLog.SystemActor, from, to);
}
