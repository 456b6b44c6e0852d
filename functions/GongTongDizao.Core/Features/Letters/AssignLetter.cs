using GongTongDizao.Core.Authorization;
using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Core.Features.Letters;

public sealed record AssignLetterRequest(string StaffUserId, DateTimeOffset? DueAt);

public sealed class AssignLetterValidator : AbstractValidator<AssignLetterRequest>
{
    public AssignLetterValidator()
    {
        RuleFor(r => r.StaffUserId).NotEmpty().MaximumLength(64);
        RuleFor(r => r.DueAt).NotNull().WithMessage("请设置办理期限");
    }
}

/// <summary>
/// Staff hand the letter to a colleague who may handle it too (in scope of the handling org), with a target date; the
/// colleague is told (<c>letter.assigned</c>, with the due date).
/// </summary>
public sealed class AssignLetter(LetterTransitions transitions, UserStore users, Authorizer authorizer)
{
    public Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, AssignLetterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return transitions.RunAsync(caller, letterId, LetterAction.Assign, async (letter, _, now) =>
        {
            var dueAt = request.DueAt!.Value.ToUniversalTime();
            if (dueAt <= now)
            {
                return Error.Validation("dueAt", "办理期限须晚于当前时间");
            }

            var assignee = await users.FindAsync(request.StaffUserId, cancellationToken);
            if (assignee is null || !await authorizer.CanAsync(assignee, Permission.HandleLetters, letter.HandlingOrgId, cancellationToken))
            {
                return Error.Validation("staffUserId", "只能指派给负责该信件的团组织工作人员");
            }

            var assigned = new LetterAssignee(assignee.Id, assignee.DisplayName, dueAt, now);
            return new LetterChange(
                letter with { Assignee = assigned },
                [LetterFollowUpEvents.Assigned(letter, assigned, caller.Id, now)],
                Reason: $"指派给{assignee.DisplayName ?? "工作人员"}");
        }, cancellationToken);
    }
}
