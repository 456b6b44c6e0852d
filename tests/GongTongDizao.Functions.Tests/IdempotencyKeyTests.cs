using GongTongDizao.Core.Idempotency;
using GongTongDizao.Functions.Http;

namespace GongTongDizao.Functions.Tests;

/// <summary>The Idempotency-Key header as the IETF draft writes it (an sf-string) or bare; and what makes two requests "the same".</summary>
public sealed class IdempotencyKeyTests
{
    [Theory]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("  abc  ", "abc")]
    [InlineData("a:b/c+d=e", "a:b/c+d=e")]
    public void A_key_is_read_quoted_or_bare(string raw, string expected) =>
        Assert.Equal(expected, IdempotentRequests.ParseKey(raw));

    [Theory]
    [InlineData("")]
    [InlineData("\"\"")]
    [InlineData("with space")]
    [InlineData("中文")]
    [InlineData("a\"b")]
    [InlineData("a\\b")]
    public void A_key_outside_visible_ASCII_or_empty_is_refused(string raw) =>
        Assert.Null(IdempotentRequests.ParseKey(raw));

    [Fact]
    public void A_key_is_at_most_255_characters()
    {
        Assert.NotNull(IdempotentRequests.ParseKey(new string('k', 255)));
        Assert.Null(IdempotentRequests.ParseKey(new string('k', 256)));
    }

    [Fact]
    public void The_fingerprint_covers_method_path_and_body()
    {
        var body = "{\"title\":\"a\"}"u8.ToArray();
        var print = IdempotencyStore.Fingerprint("POST", "/api/letters", body);

        Assert.Equal(print, IdempotencyStore.Fingerprint("post", "/api/letters", body));
        Assert.NotEqual(print, IdempotencyStore.Fingerprint("POST", "/api/topics", body));
        Assert.NotEqual(print, IdempotencyStore.Fingerprint("POST", "/api/letters", "{\"title\":\"b\"}"u8.ToArray()));
    }
}
