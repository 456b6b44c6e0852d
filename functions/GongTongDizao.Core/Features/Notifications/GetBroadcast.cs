namespace GongTongDizao.Core.Features.Notifications;

/// <summary>A broadcast with its counts, for staff who may broadcast on its org.</summary>
public sealed class GetBroadcast(BroadcastStore broadcasts, BroadcastGate gate)
{
    public async Task<Result<BroadcastView>> HandleAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(id) || id.Length > 64 || await broadcasts.FindAsync(id, cancellationToken) is not { } broadcast)
        {
            return Error.NotFound();
        }

        return await gate.MaySeeAsync(caller.User, broadcast.OrgId, cancellationToken)
            ? BroadcastView.From(broadcast, await broadcasts.FindProgressAsync(id, cancellationToken))
            : Error.NotFound();
    }
}
