using GongTongDizao.Core.Audit;

namespace GongTongDizao.Core.Features.Volunteers;

/// <summary>A team leader approves (the person becomes a member) or declines a join request. Non-members are refused; a request that is not pending does not exist.</summary>
public sealed class DecideJoinRequest(TeamStore teams, TeamViews views, AuditLog audit, TimeProvider time)
{
    public Task<Result<TeamView>> ApproveAsync(Caller caller, string teamId, string userId, CancellationToken cancellationToken) =>
        DecideAsync(caller, teamId, userId, approve: true, cancellationToken);

    public Task<Result<TeamView>> DeclineAsync(Caller caller, string teamId, string userId, CancellationToken cancellationToken) =>
        DecideAsync(caller, teamId, userId, approve: false, cancellationToken);

    private async Task<Result<TeamView>> DecideAsync(Caller caller, string teamId, string userId, bool approve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await teams.FindAsync(teamId, cancellationToken) is not { } team)
            {
                return Error.NotFound();
            }

            if (!team.IsLeader(caller.Id))
            {
                return Error.Forbidden("只有队长可以审批入队申请");
            }

            if (team.JoinRequests.FirstOrDefault(r => r.UserId == userId) is not { } request)
            {
                return Error.NotFound();
            }

            var decided = team with
            {
                JoinRequests = [.. team.JoinRequests.Where(r => r.UserId != userId)],
                Members = approve ? [.. team.Members, new TeamMember(request.UserId, request.DisplayName, Leader: false, time.GetUtcNow())] : team.Members,
            };
            if (await teams.TryReplaceAsync(decided, cancellationToken) is { } saved)
            {
                await audit.AppendAsync("team", team.Id, approve ? "team.join_approved" : "team.join_declined", caller.Id, "pending", approve ? "member" : "declined", cancellationToken: cancellationToken);
                return await views.ViewAsync(saved, caller.Id, insider: true, cancellationToken);
            }
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }
}
