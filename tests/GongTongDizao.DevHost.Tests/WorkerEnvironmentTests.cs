using GongTongDizao.DevHost.Functions;
using GongTongDizao.DevHost.Worker;

namespace GongTongDizao.DevHost.Tests;

public sealed class WorkerEnvironmentTests
{
    [Fact]
    public void App_settings_become_double_underscore_variables_beside_the_workers_own()
    {
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = "http://localhost:7071", ["PATH"] = "/usr/bin" };
        var app = FunctionApp.Locate(null);

        WorkerEnvironment.Apply(environment, app, new Dictionary<string, string> { ["Letters:DailyLimit"] = "10", ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal("10", environment["Letters__DailyLimit"]);
        Assert.Equal("UseDevelopmentStorage=true", environment["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", environment["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal(app.Directory, environment["FUNCTIONS_APPLICATION_DIRECTORY"]);
        Assert.Equal("Development", environment["AZURE_FUNCTIONS_ENVIRONMENT"]);
        Assert.Equal("/usr/bin", environment["PATH"]);
        Assert.False(environment.ContainsKey("ASPNETCORE_URLS"), "the host's own URL must not move the worker's server");
    }

    [Fact]
    public void An_environment_given_as_a_setting_is_kept()
    {
        var environment = new Dictionary<string, string?>();

        WorkerEnvironment.Apply(environment, FunctionApp.Locate(null), new Dictionary<string, string> { ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production" });

        Assert.Equal("Production", environment["AZURE_FUNCTIONS_ENVIRONMENT"]);
    }
}
