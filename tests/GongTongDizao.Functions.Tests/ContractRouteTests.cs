using GongTongDizao.DevHost.Functions;
using GongTongDizao.Testing;

namespace GongTongDizao.Functions.Tests;

/// <summary>The published contract and the build cannot drift: same routes, same methods, both ways.</summary>
public sealed class ContractRouteTests
{
    private static IReadOnlyList<(string Method, string Path)> BuiltRoutes() =>
        [.. FunctionApp.Locate(null).ReadMetadataFile()
            .Where(f => f.Http is not null)
            .SelectMany(f => f.Http!.Methods.Select(m => (m, "/" + f.Http.Route)))];

    [Fact]
    public void Every_HTTP_function_is_in_the_contract_with_its_method_and_path()
    {
        var documented = ContractDocument.Current.Operations.ToHashSet();

        var missing = BuiltRoutes().Where(r => !documented.Contains(r)).Select(r => $"{r.Method} {r.Path}").ToList();

        Assert.True(missing.Count == 0, "Not in openapi.yaml: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_operation_in_the_contract_is_served_by_the_build()
    {
        var built = BuiltRoutes().ToHashSet();

        var extra = ContractDocument.Current.Operations.Where(o => !built.Contains(o)).Select(o => $"{o.Method} {o.Path}").ToList();

        Assert.True(extra.Count == 0, "In openapi.yaml but not served: " + string.Join(", ", extra));
    }

    [Fact]
    public void Every_error_code_the_contract_lists_is_in_the_catalogue()
    {
        var codes = ContractDocument.Current.Root["components"]!["schemas"]!["Problem"]!["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()).Order();

        Assert.Equal(Core.Common.ErrorCatalog.Codes.Order(), codes);
    }

    [Fact]
    public void A_body_that_breaks_the_schema_is_reported()
    {
        var problem = ContractDocument.Current.ValidateResponse("GET", "/health", 200, "application/json", """{"status":"fine"}""");

        Assert.NotNull(problem);
        Assert.Null(ContractDocument.Current.ValidateResponse("GET", "/health", 200, "application/json", """{"status":"healthy","checks":{"cosmos":{"status":"up","durationMs":3},"storage":{"status":"down","durationMs":5}}}"""));
    }
}
