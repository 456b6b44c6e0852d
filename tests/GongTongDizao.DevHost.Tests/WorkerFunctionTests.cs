using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Rpc;

namespace GongTongDizao.DevHost.Tests;

/// <summary>The worker's FunctionMetadataResponse, read the way the Functions host reads it.</summary>
public sealed class WorkerFunctionTests
{
    [Fact]
    public void Reads_route_methods_and_auth_level_from_the_raw_trigger_binding()
    {
        var function = WorkerFunction.From(Metadata("Admin", """{ "name": "req", "type": "httpTrigger", "direction": "In", "authLevel": "Admin", "methods": ["post", "Put"], "route": "/admin/orgs/{id}/" }""", """{ "name": "$return", "type": "http", "direction": "Out" }"""));

        Assert.Equal("httpTrigger", function.TriggerType);
        Assert.Equal("req", function.TriggerBindingName);
        Assert.Equal(AuthLevel.Admin, function.Http!.AuthLevel);
        Assert.Equal(["POST", "PUT"], function.Http.Methods);
        Assert.Equal("admin/orgs/{id}", function.Http.Route);
        Assert.Equal("id-Admin", function.FunctionId);
    }

    [Fact]
    public void A_route_defaults_to_the_function_name_and_the_level_to_Function()
    {
        var http = WorkerFunction.From(Metadata("Ping", """{ "name": "req", "type": "httpTrigger", "methods": ["get"] }""")).Http!;

        Assert.Equal("Ping", http.Route);
        Assert.Equal(AuthLevel.Function, http.AuthLevel);
        Assert.True(http.Allows("get"));
        Assert.False(http.Allows("POST"));
    }

    [Fact]
    public void A_queue_trigger_keeps_its_binding_json_for_the_listener()
    {
        var binding = """{"name":"message","type":"queueTrigger","direction":"In","queueName":"events","connection":"AzureWebJobsStorage"}""";

        var function = WorkerFunction.From(Metadata("FanOutEvent", binding));

        Assert.Null(function.Http);
        Assert.Equal("queueTrigger", function.TriggerType);
        Assert.Equal("message", function.TriggerBindingName);
        Assert.Equal(binding, function.TriggerBindingJson);
    }

    [Theory]
    [InlineData("""{ "name": "req", "type": "httpTrigger", "authLevel": "Sometimes" }""", "unknown authLevel")]
    [InlineData("""{ "name": "$return", "type": "http", "direction": "Out" }""", "no trigger binding")]
    [InlineData("""{ "type": "queueTrigger", "queueName": "events" }""", "has no name")]
    public void Metadata_the_host_cannot_serve_gives_a_clear_error(string binding, string expected)
    {
        var error = Assert.Throws<FunctionMetadataException>(() => WorkerFunction.From(Metadata("F", binding)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_output_metadata_lists_the_health_function_as_anonymous()
    {
        var functions = FunctionApp.Locate(null).ReadMetadataFile();

        var health = Assert.Single(functions, f => f.Name == "Health");
        Assert.Equal("health", health.Http!.Route);
        Assert.Equal(AuthLevel.Anonymous, health.Http.AuthLevel);
    }

    [Fact]
    public void An_app_folder_without_a_worker_config_is_refused_with_the_setting_to_fix_it()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        try
        {
            var error = Assert.Throws<FunctionMetadataException>(() => FunctionApp.Locate(folder));

            Assert.Contains("worker.config.json", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static RpcFunctionMetadata Metadata(string name, params string[] bindings)
    {
        var metadata = new RpcFunctionMetadata { Name = name, FunctionId = "id-" + name, EntryPoint = "App." + name + ".Run" };
        metadata.RawBindings.AddRange(bindings);
        return metadata;
    }
}
