namespace GongTongDizao.Core.Features.Activities;

/// <summary>
/// The person offered a freed seat takes it before the offer expires: registered (or pending approval when the
/// organiser approves sign-ups). After the expiry the seat has moved on and the answer says so.
/// </summary>
public sealed class AcceptOffer(RosterTransitions transitions)
{
    public async Task<Result<SignUpView>> HandleAsync(Caller caller, string activityId, string signUpId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await transitions.FindActivityAsync(activityId, cancellationToken) is not { } activity)
        {
            return Error.NotFound();
        }

        return await transitions.RunAsync(caller.Id, activity, signUpId, (a, _, signUp, now) =>
        {
            if (signUp.UserId != caller.Id)
            {
                return Error.NotFound();
            }

            if (signUp.Status != SignUpStatus.Offered || signUp.OfferExpiresAt <= now)
            {
                return Error.InvalidState("名额保留已过期或已处理");
            }

            return new SignUpChange(
                a.NeedsApproval
                    ? signUp with { Status = SignUpStatus.PendingApproval }
                    : signUp with { Status = SignUpStatus.Registered, RegisteredAt = now },
                "activity.offer_accept");
        }, cancellationToken);
    }
}
