using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>
/// PIPL right of deletion, irreversible: what the person wrote (or, for staff, handled) stays for the community record
/// under a random pseudonym, every feature forgets who they were, the openid's link to the account is deleted, then
/// the account (profile, phone, roles, WeChat ids) is deleted, which revokes every token. The id was random and the
/// pseudonym is random, so nothing retained can be tied to the person again; the same WeChat account signing in later
/// starts a new account with a new id. Residents and staff are deleted the same way.
/// </summary>
public sealed class DeleteMe(UserStore users, IEnumerable<IPersonalDataSource> sources, LateWriteErasure lateWrites, AuditLog audit)
{
    public async Task<Result<NoContent>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Scheduled first, so that nothing a failure below leaves behind stops them (they wait for the account to be gone).
        await lateWrites.ScheduleAsync(caller.Id, cancellationToken);
        var pseudonym = UserIds.Pseudonym();
        foreach (var source in sources)
        {
            await source.AnonymiseAsync(caller.Id, pseudonym, cancellationToken);
        }

        // The link first: should the account's deletion fail after it, a new login gets a new id all the same.
        await users.UnlinkOpenIdAsync(caller.User.OpenId, cancellationToken);
        await users.DeleteAsync(caller.Id, cancellationToken);

        // A delivery checks that the account exists before it writes; an event already being handled writes its inbox
        // items regardless. What landed during the first pass is erased now, what is still under way by the later passes.
        await lateWrites.EraseAsync(caller.Id, pseudonym, cancellationToken);

        await audit.AppendAsync("user", pseudonym, "user.deleted", pseudonym, cancellationToken: cancellationToken);
        return new NoContent();
    }
}
