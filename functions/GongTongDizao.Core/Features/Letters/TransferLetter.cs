using GongTongDizao.Core.ContentSafety;
using GongTongDizao.Core.Features.Orgs;
using GongTongDizao.WeChat;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Features.Letters;

public sealed record TransferLetterRequest(string OrgId, string Reason);

public sealed class TransferLetterValidator : AbstractValidator<TransferLetterRequest>
{
    public TransferLetterValidator()
    {
        RuleFor(r => r.OrgId).NotEmpty().MaximumLength(32);
        RuleFor(r => r.Reason).NotEmpty().Text(1, 200, multiline: true);
    }
}

/// <summary>
/// Staff pass the letter up (to the street or district) or back down to its community (转办). The letter stays in
/// its community's partition, so the target must be that community or one of its ancestors; the new org must accept it
/// again within a fresh accept deadline, and its staff hear of it as a new letter.
/// </summary>
public sealed class TransferLetter(LetterTransitions transitions, OrgDirectory orgs, ContentGuard guard, IOptions<LettersOptions> options)
{
    public Task<Result<LetterView>> HandleAsync(Caller caller, string letterId, TransferLetterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        return transitions.RunAsync(caller, letterId, LetterAction.Transfer, async (letter, _, now) =>
        {
            var target = await orgs.FindAsync(request.OrgId, cancellationToken);
            if (target is null || !letter.OrgPath.Contains(target.Id))
            {
                return Error.Validation("orgId", "只能转给信件所在社区或其上级组织");
            }

            if (target.Id == letter.HandlingOrgId)
            {
                return Error.Validation("orgId", "信件已由该组织办理");
            }

            // The reason is in the timeline the author reads.
            if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Comment, [request.Reason], cancellationToken) is { } refused)
            {
                return refused;
            }

            var transferred = letter with
            {
                HandlingOrgId = target.Id,
                HandlingPath = [.. target.Path, target.Id],
                Assignee = null,
                Overdue = false,
                Deadlines = letter.Deadlines with { AcceptBy = now + options.Value.AcceptDeadline },
            };
            return new LetterChange(
                transferred,
                [LetterEvents.Submitted(transferred, caller.Id, now)],
                [LetterTimers.For(LetterTimers.AcceptDeadlineKind, transferred, transferred.Deadlines.AcceptBy!.Value)],
                $"转至{target.Name}：{request.Reason.Trim()}");
        }, cancellationToken);
    }
}
