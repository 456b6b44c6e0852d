using GongTongDizao.DevHost.Functions;

namespace GongTongDizao.DevHost.Tests;

/// <summary>Route matching as the Functions host does it: prefix, precedence, and 404 (never 405) for a wrong method.</summary>
public sealed class HttpRouteTableTests
{
    private static readonly HttpRouteTable s_table = HttpRouteTable.Build("api",
    [
        Function("GetLetter", "get", "letters/{id}"),
        Function("WithdrawLetter", "post", "letters/{id}/withdraw"),
        Function("MyLetters", "get", "letters/mine"),
        Function("SubmitLetter", "post", "letters"),
    ]);

    [Theory]
    [InlineData("GET", "/api/letters/mine", "MyLetters")]
    [InlineData("GET", "/api/letters/abc", "GetLetter")]
    [InlineData("POST", "/api/letters/abc/withdraw", "WithdrawLetter")]
    [InlineData("POST", "/api/letters", "SubmitLetter")]
    public void A_literal_segment_wins_over_a_parameter(string method, string path, string expected)
    {
        Assert.Equal(expected, s_table.Match(method, path)?.Function.Name);
    }

    [Theory]
    [InlineData("DELETE", "/api/letters/abc")]
    [InlineData("GET", "/api/letters/abc/withdraw")]
    [InlineData("GET", "/letters/mine")]
    [InlineData("GET", "/api/nothing")]
    public void A_wrong_method_or_unknown_path_matches_nothing(string method, string path)
    {
        Assert.Null(s_table.Match(method, path));
    }

    [Fact]
    public void Route_values_come_from_the_path()
    {
        var match = s_table.Match("GET", "/api/letters/L-42")!;

        Assert.Equal("L-42", match.Values["id"]);
        Assert.Equal("api/letters/{id}", match.Template);
    }

    [Fact]
    public void An_empty_prefix_serves_routes_at_the_root()
    {
        var table = HttpRouteTable.Build(string.Empty, [Function("Health", "get", "health")]);

        Assert.NotNull(table.Match("GET", "/health"));
        Assert.Null(table.Match("GET", "/api/health"));
    }

    private static WorkerFunction Function(string name, string method, string route) =>
        WorkerFunction.From(WorkerFunctionTests.Metadata(name, $$"""{ "name": "req", "type": "httpTrigger", "authLevel": "anonymous", "methods": ["{{method}}"], "route": "{{route}}" }"""));
}
