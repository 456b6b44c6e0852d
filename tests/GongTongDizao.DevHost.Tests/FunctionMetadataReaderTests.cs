using GongTongDizao.DevHost.Metadata;
using GongTongDizao.Functions.Features.Health;

namespace GongTongDizao.DevHost.Tests;

public sealed class FunctionMetadataReaderTests
{
    private static readonly System.Reflection.Assembly s_functions = typeof(HealthFunction).Assembly;

    [Fact]
    public void Reads_routes_methods_and_auth_levels_from_metadata()
    {
        const string json = """
        [
          { "name": "Health", "entryPoint": "GongTongDizao.Functions.Features.Health.HealthFunction.Run",
            "bindings": [ { "name": "req", "type": "httpTrigger", "direction": "In", "authLevel": "Anonymous", "methods": ["get"], "route": "health" },
                          { "name": "$return", "type": "http", "direction": "Out" } ] },
          { "name": "Admin", "entryPoint": "GongTongDizao.Functions.Features.Health.HealthFunction.Run",
            "bindings": [ { "name": "req", "type": "httpTrigger", "authLevel": "Admin", "methods": ["post", "Put"], "route": "/admin/orgs/{id}/" } ] },
          { "name": "Events", "entryPoint": "GongTongDizao.Functions.Features.Health.HealthFunction.Run",
            "bindings": [ { "name": "message", "type": "queueTrigger", "queueName": "events", "dataType": "String" } ] }
        ]
        """;

        var functions = FunctionMetadataReader.Read(json, s_functions);

        Assert.Equal(3, functions.Count);
        var health = functions[0];
        Assert.Equal("req", health.Http!.ParameterName);
        Assert.Equal(AuthLevel.Anonymous, health.Http.AuthLevel);
        Assert.Equal(["GET"], health.Http.Methods);
        Assert.Equal("health", health.Http.Route);
        Assert.Equal(typeof(HealthFunction).GetMethod(nameof(HealthFunction.Run)), health.Method);
        var admin = functions[1].Http!;
        Assert.Equal(AuthLevel.Admin, admin.AuthLevel);
        Assert.Equal(["POST", "PUT"], admin.Methods);
        Assert.Equal("admin/orgs/{id}", admin.Route);
        Assert.Null(functions[2].Http);
        Assert.Equal(new QueueTriggerBinding("message", "events"), functions[2].Queue);
    }

    [Fact]
    public void A_route_defaults_to_the_function_name()
    {
        const string json = """[ { "name": "Ping", "entryPoint": "GongTongDizao.Functions.Features.Health.HealthFunction.Run", "bindings": [ { "name": "req", "type": "httpTrigger", "methods": ["get"] } ] } ]""";

        var http = FunctionMetadataReader.Read(json, s_functions)[0].Http!;

        Assert.Equal("Ping", http.Route);
        Assert.Equal(AuthLevel.Function, http.AuthLevel);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{}", "must be a JSON array")]
    [InlineData("""[ { "entryPoint": "X.Y.Z" } ]""", "has no 'name'")]
    [InlineData("""[ { "name": "F", "entryPoint": "Nope.Type.Run" } ]""", "type 'Nope.Type' is not in")]
    [InlineData("""[ { "name": "F", "entryPoint": "GongTongDizao.Functions.Features.Health.HealthFunction.Gone" } ]""", "does not exist")]
    [InlineData("""[ { "name": "F", "entryPoint": "GongTongDizao.Functions.Features.Health.HealthFunction.Run", "bindings": [ { "name": "req", "type": "httpTrigger", "authLevel": "Sometimes" } ] } ]""", "unknown authLevel")]
    public void Corrupt_metadata_gives_a_clear_error(string json, string expected)
    {
        var error = Assert.Throws<FunctionMetadataException>(() => FunctionMetadataReader.Read(json, s_functions));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_to_build_first()
    {
        var error = Assert.Throws<FunctionMetadataException>(() => FunctionMetadataReader.ReadFile("/nonexistent/functions.metadata", s_functions));

        Assert.Contains("dotnet build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_output_metadata_lists_the_health_function()
    {
        var functions = FunctionMetadataReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "functions.metadata"), s_functions);

        var health = Assert.Single(functions, f => f.Name == "Health");
        Assert.Equal("health", health.Http!.Route);
        Assert.Equal(AuthLevel.Anonymous, health.Http.AuthLevel);
    }
}
