namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The person who signed up withdraws. A seat given up after the activity's cut-off is recorded as cancelled_late; a
/// freed seat is offered to the next one waiting in the same write. To anyone else the sign-up does not exist.
/// </summary>
public sealed class CancelSignUp(RosterTransitions transitions)
{
    public async Task<Result<SignUpView>> HandleAsync(Caller caller, string activityId, string signUpId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await transitions.FindActivityAsync(activityId, cancellationToken) is not { } activity)
        {
            return Error.NotFound();
        }

        return await transitions.RunAsync(caller.Id, activity, signUpId, (a, roster, signUp, now) =>
        {
            if (signUp.UserId != caller.Id)
            {
                return Error.NotFound();
            }

            if (!SignUpStatuses.IsActive(signUp.Status))
            {
                return Error.InvalidState("该报名已结束，无需取消");
            }

            var status = SignUpStatuses.HoldsSeat(signUp.Status) ? SeatRules.CancelledStatus(roster, a.CancelCutoffHours, now) : SignUpStatus.Cancelled;
            return new SignUpChange(signUp with { Status = status, CancelledAt = now }, "activity.signup_cancel");
        }, cancellationToken);
    }
}
