using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Letters;

public sealed record RejectLetterRequest(string Reason);

public sealed class RejectLetterValidator : AbstractValidator<RejectLetterRequest>
{
    public RejectLetterValidator() => RuleFor(r => r.Reason).NotEmpty().Text(1, 200, multiline: true);
}

/// <summary>
/// Moderators in scope decide on held letters: approve (the letter reaches staff as if just submitted) or reject
/// (the author sees the reason; staff never see it).
/// </summary>
public sealed class ModerateLetter(LetterTransitions transitions, LetterReception reception, ContentGuard guard)
{
    public const string DefaultRejectReason = "内容不符合社区规范";

    public Task<Result<LetterView>> ApproveAsync(Caller caller, string letterId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return transitions.RunAsync(caller, letterId, LetterAction.Approve, (letter, _, now) =>
        {
            var (received, submitted, timers) = reception.Receive(letter, caller.Id, now);
            return Task.FromResult<Result<LetterChange>>(new LetterChange(received, [submitted], timers, "审核通过"));
        }, cancellationToken);
    }

    public Task<Result<LetterView>> RejectAsync(Caller caller, string letterId, RejectLetterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Reject(caller, letterId, request.Reason, cancellationToken);
    }

    internal Task<Result<LetterView>> Reject(Caller caller, string letterId, string? reason, CancellationToken cancellationToken) =>
        transitions.RunAsync(caller, letterId, LetterAction.Reject, async (letter, _, now) =>
        {
            // The author reads the reason in the timeline.
            if (await guard.CheckStaffTextAsync(caller.User.OpenId, ContentCheckScene.Comment, [reason], cancellationToken) is { } refused)
            {
                return refused;
            }

            return new LetterChange(letter with { ClosedAt = now }, Reason: string.IsNullOrWhiteSpace(reason) ? DefaultRejectReason : reason.Trim());
        }, cancellationToken);
}
