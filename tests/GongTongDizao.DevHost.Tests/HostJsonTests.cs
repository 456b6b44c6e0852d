using GongTongDizao.DevHost.Functions;
using Microsoft.Extensions.Logging;

namespace GongTongDizao.DevHost.Tests;

public sealed class HostJsonTests
{
    [Fact]
    public void Levels_follow_the_longest_configured_prefix_then_default()
    {
        var hostJson = Read("""{ "version": "2.0", "logging": { "logLevel": { "default": "Warning", "Function": "Information", "Function.Login": "Error", "GongTongDizao.Storage.Calls": "Debug" } } }""");

        Assert.Equal(LogLevel.Error, hostJson.LevelFor("Function.Login.User"));
        Assert.Equal(LogLevel.Information, hostJson.LevelFor("Function.Health"));
        Assert.Equal(LogLevel.Warning, hostJson.LevelFor("FunctionX"));
        Assert.Equal(LogLevel.Debug, hostJson.LevelFor("GongTongDizao.Storage.Calls"));
        Assert.Equal(LogLevel.Warning, hostJson.LevelFor("Microsoft.AspNetCore.Hosting"));
    }

    [Fact]
    public void Route_prefix_and_timeout_are_read_with_Azure_defaults()
    {
        var custom = Read("""{ "version": "2.0", "functionTimeout": "00:05:00", "extensions": { "http": { "routePrefix": "/v1/" } } }""");
        var plain = Read("""{ "version": "2.0" }""");

        Assert.Equal("v1", custom.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(5), custom.FunctionTimeout);
        Assert.Equal("api", plain.RoutePrefix);
        Assert.Equal(TimeSpan.FromMinutes(30), plain.FunctionTimeout);
        Assert.Equal(LogLevel.Information, plain.LevelFor("anything"));
    }

    [Fact]
    public void The_apps_host_json_keeps_the_api_prefix()
    {
        Assert.Equal("api", FunctionApp.Locate(null).HostJson.RoutePrefix);
    }

    private static HostJson Read(string json)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, json);
            return HostJson.Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
