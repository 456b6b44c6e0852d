namespace GongTongDizao.Core.Features.Activities;

public sealed record DecideSignUpRequest(bool? Approve, string? Reason);

public sealed class DecideSignUpValidator : AbstractValidator<DecideSignUpRequest>
{
    public DecideSignUpValidator()
    {
        RuleFor(r => r.Approve).NotNull().WithMessage("请选择通过或不通过");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写不通过的原因").When(r => r.Approve == false);
        RuleFor(r => r.Reason).Text(0, 100);
    }
}

/// <summary>
/// The organiser confirms or declines a sign-up waiting for approval; a declined seat goes to the next one waiting.
/// The person is told either way.
/// </summary>
public sealed class DecideSignUp(RosterTransitions transitions, ActivityAccess access)
{
    public async Task<Result<SignUpView>> HandleAsync(Caller caller, string activityId, string signUpId, DecideSignUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (await transitions.FindActivityAsync(activityId, cancellationToken) is not { } activity)
        {
            return Error.NotFound();
        }

        if (!await access.ManagesAsync(caller, activity, cancellationToken))
        {
            return Error.Forbidden();
        }

        var approve = request.Approve!.Value;
        return await transitions.RunAsync(caller.Id, activity, signUpId, (a, roster, signUp, now) =>
        {
            if (signUp.Status != SignUpStatus.PendingApproval)
            {
                return Error.InvalidState("该报名不在待审核状态");
            }

            var after = approve
                ? signUp with { Status = SignUpStatus.Registered, RegisteredAt = now, DecidedAt = now }
                : signUp with { Status = SignUpStatus.Declined, DeclineReason = request.Reason!.Trim(), DecidedAt = now };
            return new SignUpChange(after, approve ? "activity.signup_confirm" : "activity.signup_decline", [ActivityEvents.Decided(a, roster, after, approve, caller.Id, now)]);
        }, cancellationToken);
    }
}
