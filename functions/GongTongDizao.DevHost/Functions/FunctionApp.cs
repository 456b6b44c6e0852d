using System.Reflection;
using System.Text.Json;

namespace GongTongDizao.DevHost.Functions;

/// <summary>
/// The Functions app as Core Tools sees it: a build output folder holding the worker's entry assembly and
/// host.json. Nothing of the app is loaded into this process.
/// </summary>
public sealed class FunctionApp
{
    private FunctionApp(string directory, string entryAssembly, HostJson hostJson)
    {
        Directory = directory;
        EntryAssembly = entryAssembly;
        HostJson = hostJson;
    }

    public string Directory { get; }

    /// <summary>The worker's entry assembly, e.g. GongTongDizao.Functions.dll.</summary>
    public string EntryAssembly { get; }

    public HostJson HostJson { get; }

    public string HostJsonPath => Path.Combine(Directory, "host.json");

    /// <summary>
    /// The functions.metadata file the Worker SDK writes at build: the same descriptions the worker reports over
    /// gRPC, for tools and tests that need the route table without starting a worker.
    /// </summary>
    public IReadOnlyList<WorkerFunction> ReadMetadataFile()
    {
        var path = Path.Combine(Directory, "functions.metadata");
        if (!File.Exists(path))
        {
            throw new FunctionMetadataException($"functions.metadata was not found at '{path}'. Build the Functions project first (dotnet build), which generates it.");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(f =>
        {
            var metadata = new Rpc.RpcFunctionMetadata
            {
                Name = f.GetProperty("name").GetString()!,
                EntryPoint = f.TryGetProperty("entryPoint", out var entry) ? entry.GetString() ?? string.Empty : string.Empty,
                FunctionId = f.GetProperty("name").GetString()!,
            };
            metadata.RawBindings.AddRange(f.GetProperty("bindings").EnumerateArray().Select(b => b.GetRawText()));
            return WorkerFunction.From(metadata);
        })];
    }

    /// <summary>The configured folder, or the Functions project's build output recorded when this host was built.</summary>
    public static FunctionApp Locate(string? configuredDirectory, string? hostJsonOverride = null)
    {
        var directory = string.IsNullOrWhiteSpace(configuredDirectory)
            ? typeof(FunctionApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "FunctionsAppDirectory")?.Value
            : configuredDirectory;
        if (string.IsNullOrWhiteSpace(directory) || !System.IO.Directory.Exists(directory))
        {
            throw new FunctionMetadataException($"The Functions app was not found at '{directory}'. Build it first (dotnet build), or set DevHost__AppDirectory.");
        }

        // The Worker SDK writes worker.config.json next to the app; its "defaultWorkerPath" names the entry assembly.
        var workerConfig = Path.Combine(directory, "worker.config.json");
        if (!File.Exists(workerConfig))
        {
            throw new FunctionMetadataException($"'{directory}' holds no worker.config.json: it is not the build output of an isolated-worker Functions app.");
        }

        using var config = JsonDocument.Parse(File.ReadAllText(workerConfig));
        var entry = config.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString()
            ?? throw new FunctionMetadataException("worker.config.json names no defaultWorkerPath.");
        var hostJsonPath = hostJsonOverride ?? Path.Combine(directory, "host.json");
        return new FunctionApp(Path.GetFullPath(directory), Path.Combine(directory, entry), HostJson.Read(hostJsonPath));
    }
}
