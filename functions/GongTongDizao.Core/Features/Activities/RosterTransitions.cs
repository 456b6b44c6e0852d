using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.Events;
using GongTongDizao.Core.Timers;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Activities;

/// <summary>What a sign-up use case decided about one sign-up: its new state, the audit action and the events to tell.</summary>
public sealed record SignUpChange(SignUp After, string Action, IReadOnlyList<DomainEvent>? Events = null);

/// <summary>
/// Every change of an existing sign-up: the roster of its session is read, the use case decides, and any seat that is
/// now free goes to the next one waiting (an offer with its timeout) in the same write, through
/// <c>AggregatePipeline&lt;SessionRoster&gt;</c> (a lost race decides again on a fresh read).
/// </summary>
public sealed class RosterTransitions(ActivityStore activities, AggregatePipeline<SessionRoster> pipeline, TimeProvider time, IOptions<ActivitiesOptions> options)
{
    public delegate Result<SignUpChange> Decide(Activity activity, SessionRoster roster, SignUp signUp, DateTimeOffset now);

    public async Task<Result<SignUpView>> RunAsync(string actorId, Activity activity, string signUpId, Decide decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(decide);
        if (SessionRoster.SessionOf(signUpId) is not { } sessionId)
        {
            return Error.NotFound();
        }

        if (activity.Status == ActivityStatus.Cancelled)
        {
            return Error.From(ErrorCodes.ActivityCancelled);
        }

        SignUp? after = null;
        var saved = await pipeline.RunAsync(SessionRoster.IdOf(activity.Id, sessionId), roster =>
        {
            if (roster.Find(signUpId) is not { } signUp)
            {
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(Error.NotFound());
            }

            if (roster.CancelledAt is not null)
            {
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(Error.From(ErrorCodes.ActivityCancelled));
            }

            var now = time.GetUtcNow();
            var decided = decide(activity, roster, signUp, now);
            if (!decided.IsSuccess)
            {
                return Task.FromResult<Result<AggregateChange<SessionRoster>>>(decided.Error);
            }

            var change = decided.Value!;
            after = change.After;
            var (offered, events, timers) = OfferFreed(activity, SeatRules.Replace(roster, change.After), now);
            return Task.FromResult<Result<AggregateChange<SessionRoster>>>(new AggregateChange<SessionRoster>(
                offered,
                new AuditEntry(ActivityEvents.EntityType, change.Action, actorId, Code(signUp.Status), Code(change.After.Status)))
            {
                Events = [.. change.Events ?? [], .. events],
                Timers = timers,
            });
        }, cancellationToken, maxAttempts: options.Value.SignUpAttempts);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        var roster = saved.Value!;
        return ActivityViews.SignUp(roster, roster.Find(signUpId) ?? after!);
    }

    /// <summary>Offers every free seat of either role to those waiting; the offers' events and timeouts.</summary>
    public (SessionRoster Roster, IReadOnlyList<DomainEvent> Events, IReadOnlyList<TimerMessage> Timers) OfferFreed(Activity activity, SessionRoster roster, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var events = new List<DomainEvent>();
        var timers = new List<TimerMessage>();
        foreach (var role in Enum.GetValues<SignUpRole>())
        {
            (roster, var offered) = SeatRules.OfferFreedSeats(roster, role, now, options.Value.OfferTimeout);
            foreach (var offer in offered)
            {
                events.Add(ActivityEvents.SeatOffered(activity, roster, offer, now));
                timers.Add(ActivityRosters.OfferTimeout(roster, offer));
            }
        }

        return (roster, events, timers);
    }

    public Task<Activity?> FindActivityAsync(string activityId, CancellationToken cancellationToken) => activities.FindAsync(activityId, cancellationToken);

    public static string Code(SignUpStatus status) => Orders.OrderCategories.Code(status);
}
