using GongTongDizao.WeChat;

namespace GongTongDizao.Core.Features.Identity;

/// <summary>
/// What a login does to the accounts: an openid's first login (or the first after deletion) links it to a new random
/// id and creates the account; later ones keep the newest session key. Concurrent logins of one person settle on one account.
/// </summary>
public sealed class SessionAccounts(UserStore users, FieldProtector protector, TimeProvider time)
{
    /// <summary>The account the session signs in to, created on the openid's first login, with the newest session key.</summary>
    public async Task<Result<UserAccount>> SaveAsync(Code2SessionResult session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var now = time.GetUtcNow();
        // wx.login may rotate the session key: always keep the newest. Three tries cover a concurrent login of the same person.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // A first login (or the first after deletion) links the openid to a new random id; a concurrent one gets the winner's.
            var id = await users.FindIdByOpenIdAsync(session.OpenId, cancellationToken)
                ?? await users.LinkOpenIdAsync(session.OpenId, UserIds.NewId(), cancellationToken);
            // A returning person (nearly every login) gets the new session key in one atomic patch rather than a read
            // and an ETag replace; only a missing account is created, and only under the id the link names.
            var returning = await users.TryRecordLoginAsync(id, protector.Protect(session.SessionKey), session.UnionId, now, cancellationToken);
            if (returning is not null)
            {
                return returning;
            }

            var created = await users.TryCreateAsync(
                new UserAccount
                {
                    Id = id,
                    OpenId = session.OpenId,
                    UnionId = session.UnionId,
                    SessionKeyProtected = protector.Protect(session.SessionKey),
                    CreatedAt = now,
                    UpdatedAt = now,
                    LastLoginAt = now,
                },
                cancellationToken);
            if (created is not null)
            {
                return created;
            }
        }

        return Error.From(ErrorCodes.ConcurrentChange);
    }
}
