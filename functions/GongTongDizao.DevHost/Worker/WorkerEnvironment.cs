using GongTongDizao.DevHost.Functions;

namespace GongTongDizao.DevHost.Worker;

/// <summary>
/// The worker's environment: this process's own (as Core Tools passes its environment through), the variables
/// the Functions host sets for a dotnet-isolated worker, and the app settings with <c>__</c> for <c>:</c>, as
/// <c>local.settings.json</c> Values reach a worker under <c>func start</c>.
/// </summary>
public static class WorkerEnvironment
{
    // Settings of this host's own web server: inherited, they would move the worker's server onto our port.
    private static readonly string[] s_hostOnly = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "URLS", "Urls"];

    public static void Apply(IDictionary<string, string?> environment, FunctionApp app, IReadOnlyDictionary<string, string> appSettings)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(appSettings);
        foreach (var name in s_hostOnly)
        {
            environment.Remove(name);
        }

        foreach (var (name, value) in appSettings)
        {
            environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        environment["FUNCTIONS_APPLICATION_DIRECTORY"] = app.Directory;
        environment["FUNCTIONS_WORKER_DIRECTORY"] = app.Directory;
        if (!environment.ContainsKey("AZURE_FUNCTIONS_ENVIRONMENT"))
        {
            environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        }
    }
}
