using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GongTongDizao.Core.Auth;

/// <summary>Our own bearer tokens: HS256 only (the algorithm is pinned, so "alg: none" and RS/HS confusion fail), short-lived.</summary>
public sealed class TokenService
{
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromSeconds(30);

    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly SymmetricSecurityKey _key;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenService(IOptions<AuthOptions> options, KeyMaterial keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        _options = options.Value;
        _time = time;
        _key = new SymmetricSecurityKey(keys.SigningKey);
    }

    public (string Token, DateTimeOffset ExpiresAt) Issue(string userId)
    {
        var now = _time.GetUtcNow();
        var expires = now + _options.TokenLifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, userId)]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>The user id of a valid token, or null: tampered, expired, foreign issuer or audience, wrong algorithm.</summary>
    public async Task<string?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = s_clockSkew,
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = _time.GetUtcNow().UtcDateTime;
                return expires is { } e && now <= e + s_clockSkew && (notBefore is not { } nb || now >= nb - s_clockSkew);
            },
        });
        return result.IsValid && result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { Length: > 0 } sub ? sub : null;
    }
}
