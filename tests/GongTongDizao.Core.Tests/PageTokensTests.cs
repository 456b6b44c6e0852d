using System.Security.Cryptography;
using GongTongDizao.Core.Auth;
using GongTongDizao.Core.Common;
using Microsoft.Extensions.Options;

namespace GongTongDizao.Core.Tests;

/// <summary>The one paging-token scheme: opaque, bound to its list and query, and tamper-evident.</summary>
public sealed class PageTokensTests
{
    private const string CosmosPosition = "[{\"compositeToken\":\"{\\\"token\\\":\\\"-RID:~abc==#RT:1#TRC:20\\\"}\",\"orderByItems\":[{\"item\":\"2026-12-06T10:00:00Z\"}]}]";

    internal static PageTokens Create(string? dataProtectionKey = null) =>
        new(new KeyMaterial(Options.Create(new AuthOptions
        {
            SigningKey = Convert.ToBase64String(new byte[32]),
            DataProtectionKey = dataProtectionKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        })));

    [Fact]
    public void A_sealed_position_opens_for_its_own_list_and_query_and_reveals_nothing()
    {
        var tokens = Create();
        var token = tokens.Seal("letters/mine", "u1|420106001001", CosmosPosition)!;

        Assert.True(tokens.TryOpen(token, "letters/mine", "u1|420106001001", out var position));
        Assert.Equal(CosmosPosition, position);
        Assert.DoesNotContain("RID", token, StringComparison.Ordinal);
        Assert.Matches("^p1\\.[A-Za-z0-9_-]+$", token);
        Assert.NotEqual(token, tokens.Seal("letters/mine", "u1|420106001001", CosmosPosition));
    }

    [Fact]
    public void Absent_or_empty_is_the_first_page_and_a_last_page_has_no_token()
    {
        var tokens = Create();

        Assert.True(tokens.TryOpen(null, "letters/mine", "u1", out var none));
        Assert.Null(none);
        Assert.True(tokens.TryOpen(string.Empty, "letters/mine", "u1", out var empty));
        Assert.Null(empty);
        Assert.Null(tokens.Seal("letters/mine", "u1", null));
        Assert.Null(tokens.Seal("letters/mine", "u1", string.Empty));
    }

    [Theory]
    [InlineData("bTE6MDoyMA")]
    [InlineData("%%%")]
    [InlineData("p1.")]
    [InlineData("p1.AAAA")]
    [InlineData("p1.!!!!")]
    [InlineData("eyJ0b2tlbiI6IjEifQ")]
    [InlineData("[{\"compositeToken\":\"x\"}]")]
    public void Anything_not_sealed_by_us_is_refused(string token) =>
        Assert.False(Create().TryOpen(token, "letters/mine", "u1", out _));

    [Fact]
    public void Tampering_another_list_another_query_or_another_key_is_detected()
    {
        var tokens = Create();
        var token = tokens.Seal("staff/letters", "u1|420106001001||||420106001", CosmosPosition)!;
        var chars = token.ToCharArray();
        chars[^5] = chars[^5] == 'A' ? 'B' : 'A';

        Assert.False(tokens.TryOpen(new string(chars), "staff/letters", "u1|420106001001||||420106001", out _));
        Assert.False(tokens.TryOpen(token, "letters/mine", "u1|420106001001||||420106001", out _));
        Assert.False(tokens.TryOpen(token, "staff/letters", "u2|420106001001||||420106001", out _));
        Assert.False(Create().TryOpen(token, "staff/letters", "u1|420106001001||||420106001", out _));
        Assert.False(tokens.TryOpen(token + new string('A', PageTokens.MaxLength), "staff/letters", "u1|420106001001||||420106001", out _));
    }
}
