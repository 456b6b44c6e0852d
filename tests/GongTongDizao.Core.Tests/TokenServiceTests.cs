using System.Security.Cryptography;
using GongTongDizao.Core.Auth;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GongTongDizao.Core.Tests;

public sealed class TokenServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    private TokenService Create(string? signingKey = null, string audience = "gongtongdizao-miniprogram")
    {
        var options = Options.Create(new AuthOptions
        {
            Audience = audience,
            SigningKey = signingKey ?? Convert.ToBase64String(new byte[32]),
            DataProtectionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        return new TokenService(options, new KeyMaterial(options), _time);
    }

    [Fact]
    public async Task A_token_is_valid_for_its_lifetime_plus_the_small_skew_and_not_after()
    {
        var tokens = Create();
        var (token, expiresAt) = tokens.Issue("u1");

        Assert.Equal(_time.GetUtcNow().AddHours(2), expiresAt);
        Assert.Equal("u1", await tokens.ValidateAsync(token));
        _time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(20));
        Assert.Equal("u1", await tokens.ValidateAsync(token));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(await tokens.ValidateAsync(token));
    }

    [Fact]
    public async Task Another_key_or_audience_is_refused()
    {
        var (token, _) = Create().Issue("u1");

        Assert.Null(await Create(signingKey: Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray())).ValidateAsync(token));
        Assert.Null(await Create(audience: "another-app").ValidateAsync(token));
    }

    [Fact]
    public void Auth_options_refuse_short_keys()
    {
        var options = new AuthOptions { SigningKey = Convert.ToBase64String(new byte[16]), DataProtectionKey = "not base64!" };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Equal(2, problems.Count);
    }
}
