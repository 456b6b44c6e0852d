using GongTongDizao.Core.Aggregates;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Activities;

public sealed record CancelActivityRequest(string Reason);

public sealed class CancelActivityValidator : AbstractValidator<CancelActivityRequest>
{
    public CancelActivityValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写取消原因").Text(1, 100);
    }
}

/// <summary>
/// An organiser cancels the whole activity (rain cancels the market) with a reason. The activity becomes cancelled
/// (one write through <c>AggregatePipeline&lt;Activity&gt;</c>, audited), then every session not yet ended at that
/// moment is cancelled and its people told (<see cref="ActivityCancellation"/>); sessions already ended keep their
/// records. Cancelling again changes nothing on the activity and finishes any session a cut-short first call left,
/// so a retry after a lost answer is safe.
/// </summary>
public sealed class CancelActivity(AggregatePipeline<Activity> pipeline, ActivityAccess access, ContentGuard guard, ActivityCancellation cancellation, TimeProvider time)
{
    public async Task<Result<ActivityView>> HandleAsync(Caller caller, string activityId, CancelActivityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var checkedText = false;
        var saved = await pipeline.RunAsync(activityId, async activity =>
        {
            if (!await access.ManagesAsync(caller, activity, cancellationToken))
            {
                return Error.Forbidden("只有活动组织方可以取消活动");
            }

            if (activity.Status == ActivityStatus.Cancelled)
            {
                return AggregateChange<Activity>.Unchanged(activity);
            }

            // Checked once, even when a lost race decides again: the reason is public text.
            if (!checkedText && await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Forum, [request.Reason], cancellationToken) is { } refused)
            {
                return refused;
            }

            checkedText = true;
            var now = time.GetUtcNow();
            return new AggregateChange<Activity>(
                activity with { Status = ActivityStatus.Cancelled, CancelledAt = now, CancelReason = request.Reason.Trim() },
                new AuditEntry(ActivityEvents.EntityType, "activity.cancel", caller.Id, "published", "cancelled", request.Reason.Trim()));
        }, cancellationToken, maxAttempts: 3);
        if (!saved.IsSuccess)
        {
            return saved.Error;
        }

        var rosters = await cancellation.CancelSessionsAsync(saved.Value!, caller.Id, cancellationToken);
        return rosters.IsSuccess ? ActivityViews.View(saved.Value!, rosters.Value!, caller.Id, canManage: true) : rosters.Error;
    }
}
