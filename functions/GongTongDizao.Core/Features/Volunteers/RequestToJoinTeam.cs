using GongTongDizao.Core.Audit;
using GongTongDizao.Core.ContentSafety;
using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Volunteers;

public sealed record JoinTeamRequest(string? Note);

public sealed class JoinTeamValidator : AbstractValidator<JoinTeamRequest>
{
    public JoinTeamValidator() => RuleFor(r => r.Note).Text(0, 100, multiline: true);
}

/// <summary>
/// A resident with a volunteer profile asks to join a team; a leader decides. Asking twice, or as a member, is 409.
/// The note is for the leaders only; a risky one is refused.
/// </summary>
public sealed class RequestToJoinTeam(TeamStore teams, TeamViews views, VolunteerStore profiles, ContentGuard guard, AuditLog audit, TimeProvider time)
{
    public async Task<Result<TeamView>> HandleAsync(Caller caller, string teamId, JoinTeamRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (await profiles.FindAsync(caller.Id, cancellationToken) is null)
        {
            return Error.From(ErrorCodes.VolunteerProfileRequired);
        }

        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        if (note is not null && await guard.CheckAsync(caller.User.OpenId, ContentCheckScene.Comment, null, note, cancellationToken) == ContentVerdict.Reject)
        {
            return Error.From(ErrorCodes.ContentRejected);
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await teams.FindAsync(teamId, cancellationToken) is not { } team)
            {
                return Error.NotFound();
            }

            if (team.Member(caller.Id) is not null || team.JoinRequests.Any(r => r.UserId == caller.Id))
            {
                return Error.InvalidState("您已是队员或已提交申请");
            }

            var asked = team with { JoinRequests = [.. team.JoinRequests, new JoinRequest(caller.Id, caller.User.DisplayName ?? "志愿者", note, time.GetUtcNow())] };
            if (await teams.TryReplaceAsync(asked, cancellationToken) is { } saved)
            {
                await audit.AppendAsync("team", team.Id, "team.join_requested", caller.Id, cancellationToken: cancellationToken);
                return await views.ViewAsync(saved, caller.Id, insider: false, cancellationToken);
            }
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }
}
