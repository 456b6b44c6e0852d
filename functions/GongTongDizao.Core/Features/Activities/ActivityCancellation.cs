using GongTongDizao.Core.Aggregates;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The sessions' side of cancelling an activity: each session that had not ended when the activity was cancelled is
/// one roster write through <c>AggregatePipeline&lt;SessionRoster&gt;</c> — its held and waiting sign-ups become
/// activity_cancelled and the people among them not yet told are told, in the same write (the outbox). One message per
/// person for the whole activity (each subscribe message spends one of the person's units), sent with their earliest
/// cancelled session; a retry counts who the rosters already cancelled told. A sign-up racing the cancellation either
/// lands before (and is cancelled and told here) or finds the roster cancelled (ACTIVITY_CANCELLED). A roster already
/// cancelled or closed is left as it is, so a repeat does nothing.
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

        // Those told by rosters a cut-short earlier call cancelled (its sign-ups cancelled at the same instant).
        var told = (await rosters.OfActivityAsync(activity.Id, cancellationToken))
            .Where(r => r.CancelledAt == at)
            .SelectMany(r => r.SignUps.Where(s => s.Status == SignUpStatus.ActivityCancelled && s.CancelledAt == at).Select(s => s.UserId))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var session in activity.Sessions.Where(s => s.EndsAt > at).OrderBy(s => s.StartsAt))
        {
            var tellNow = new List<string>();
            var saved = await pipeline.RunAsync(SessionRoster.IdOf(activity.Id, session.Id), roster =>
            {
                if (roster.CancelledAt is not null || roster.ClosedAt is not null)
                {
                    tellNow = [];
                    return Task.FromResult<Result<AggregateChange<SessionRoster>>>(AggregateChange<SessionRoster>.Unchanged(roster));
                }

                var (after, cancelled) = SeatRules.Cancel(roster, at);
                var first = cancelled.Where(s => !told.Contains(s.UserId)).DistinctBy(s => s.UserId, StringComparer.Ordinal).ToList();
                tellNow = [.. first.Select(s => s.UserId)];
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(new AggregateChange<SessionRoster>(
                    after, new AuditEntry(ActivityEvents.EntityType, "activity.session_cancel", actorId, "open", "cancelled", activity.CancelReason))
                {
                    Events = [.. first.Select(s => ActivityEvents.Cancelled(activity, after, s, actorId, at))],
                });
            }, cancellationToken, maxAttempts: options.Value.SignUpAttempts);
            if (saved.IsSuccess && saved.Value!.CancelledAt == at)
            {
                told.UnionWith(tellNow);
            }

            // A session without a roster has nobody to tell; a roster busy beyond the attempts is left for the retry.
            if (!saved.IsSuccess && saved.Error!.Code != ErrorCodes.NotFound)
            {
                return saved.Error;
            }
        }

        return await rosters.OfActivityAsync(activity.Id, cancellationToken);
    }
}
