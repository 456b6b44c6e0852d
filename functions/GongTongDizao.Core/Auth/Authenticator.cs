using GongTongDizao.Core.Features.Identity;

namespace GongTongDizao.Core.Auth;

/// <summary>
/// Turns an Authorization header into a <see cref="Caller"/>. Every authenticated function calls this same code,
/// under the Functions runtime and the DevHost alike; a token of a deleted user is refused like a forged one.
/// </summary>
public sealed class Authenticator(TokenService tokens, UserStore users)
{
    public async Task<Result<Caller>> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || authorization.Length > 4096)
        {
            return Error.Unauthenticated();
        }

        var userId = await tokens.ValidateAsync(authorization[scheme.Length..].Trim());
        if (userId is null)
        {
            return Error.Unauthenticated();
        }

        var user = await users.FindCachedAsync(userId, cancellationToken);
        return user is null ? Error.Unauthenticated() : new Caller(user);
    }
}
