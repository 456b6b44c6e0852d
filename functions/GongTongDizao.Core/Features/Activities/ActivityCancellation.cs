using GongTongDizao.Core.Aggregates;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The sessions' side of cancelling an activity: each session that had not ended when the activity was cancelled is
/// one roster write through <c>AggregatePipeline&lt;SessionRoster&gt;</c> — its held and waiting sign-ups become
/// activity_cancelled and each person among them is told once for the session, in the same write (the outbox). A
/// sign-up racing the cancellation either lands before (and is cancelled and told here) or finds the roster
/// cancelled (ACTIVITY_CANCELLED). A roster already cancelled or closed is left as it is, so a repeat does nothing.
/// </summary>
public sealed class ActivityCancellation(RosterStore rosters, AggregatePipeline<SessionRoster> pipeline, IOptions<ActivitiesOptions> options)
{
    public async Task<Result<IReadOnlyList<SessionRoster>>> CancelSessionsAsync(Activity activity, string actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity is not { Status: ActivityStatus.Cancelled, CancelledAt: { } at })
        {
            return Error.InvalidState("活动未取消");
        }

        foreach (var session in activity.Sessions.Where(s => s.EndsAt > at))
        {
            var saved = await pipeline.RunAsync(SessionRoster.IdOf(activity.Id, session.Id), roster =>
            {
                if (roster.CancelledAt is not null || roster.ClosedAt is not null)
                {
                    return Task.FromResult<Result<AggregateChange<SessionRoster>>>(AggregateChange<SessionRoster>.Unchanged(roster));
                }

                var (after, cancelled) = SeatRules.Cancel(roster, at);
                var told = cancelled.GroupBy(s => s.UserId, StringComparer.Ordinal).Select(g => ActivityEvents.Cancelled(activity, after, g.First(), actorId, at));
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(new AggregateChange<SessionRoster>(
                    after, new AuditEntry(ActivityEvents.EntityType, "activity.session_cancel", actorId, "open", "cancelled", activity.CancelReason))
                {
                    Events = [.. told],
                });
            }, cancellationToken, maxAttempts: options.Value.SignUpAttempts);

            // A session without a roster has nobody to tell; a roster busy beyond the attempts is left for the retry.
            if (!saved.IsSuccess && saved.Error!.Code != ErrorCodes.NotFound)
            {
                return saved.Error;
            }
        }

        return await rosters.OfActivityAsync(activity.Id, cancellationToken);
    }
}
