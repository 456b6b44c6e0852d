using GongTongDizao.DevHost.Http;
using GongTongDizao.DevHost.Functions;
using Microsoft.AspNetCore.Http;

namespace GongTongDizao.DevHost.Tests;

public sealed class FunctionKeyAuthorizerTests
{
    private readonly FunctionKeyAuthorizer _keys = new("fn-key", "master-key");

    [Theory]
    [InlineData(AuthLevel.Anonymous, null, true)]
    [InlineData(AuthLevel.Function, null, false)]
    [InlineData(AuthLevel.Function, "wrong", false)]
    [InlineData(AuthLevel.Function, "fn-key", true)]
    [InlineData(AuthLevel.Function, "master-key", true)]
    [InlineData(AuthLevel.Admin, "fn-key", false)]
    [InlineData(AuthLevel.Admin, "master-key", true)]
    [InlineData(AuthLevel.System, "fn-key", false)]
    public void Header_key_is_checked_per_level(AuthLevel level, string? key, bool expected)
    {
        var context = new DefaultHttpContext();
        if (key is not null)
        {
            context.Request.Headers[FunctionKeyAuthorizer.HeaderName] = key;
        }

        Assert.Equal(expected, _keys.IsAuthorized(level, context.Request));
    }

    [Fact]
    public void Code_query_parameter_is_accepted_like_the_header()
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?code=fn-key");

        Assert.True(_keys.IsAuthorized(AuthLevel.Function, context.Request));
    }

    [Fact]
    public void An_empty_configured_key_never_matches()
    {
        var keys = new FunctionKeyAuthorizer(string.Empty, "master-key");
        var context = new DefaultHttpContext();
        context.Request.Headers[FunctionKeyAuthorizer.HeaderName] = string.Empty;

        Assert.False(keys.IsAuthorized(AuthLevel.Function, context.Request));
    }
}
