using GongTongDizao.Core.Audit;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using GongTongDizao.Core.Privacy;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>
/// PIPL right of deletion: what the person wrote stays for the community record under a pseudonym, every feature
/// forgets who they were, then the account (profile, phone, WeChat ids) is deleted, which revokes every token.
/// </summary>
public sealed class DeleteMe(UserStore users, UserIds ids, IEnumerable<IPersonalDataSource> sources, AuditLog audit)
{
    public async Task<Result<NoContent>> HandleAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var pseudonym = ids.Pseudonym(caller.Id);
        foreach (var source in sources)
        {
            await source.AnonymiseAsync(caller.Id, pseudonym, cancellationToken);
        }

        await users.DeleteAsync(caller.Id, cancellationToken);
        await audit.AppendAsync("user", pseudonym, "user.deleted", pseudonym, cancellationToken: cancellationToken);
        return new NoContent();
    }
}
