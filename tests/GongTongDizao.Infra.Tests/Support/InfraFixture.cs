using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>
/// Copies infra/ to a temp folder and runs the Bicep CLI there once for the whole test run, in parallel:
/// build of every .bicep, build-params of every .bicepparam, and a snapshot (predicted resources with the
/// parameters applied) of every .bicepparam. Tests read the cached JSON. Nothing is written into the repo.
/// </summary>
public sealed class InfraFixture : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000c0de";
    public const string TenantId = "00000000-0000-0000-0000-0000000a11ce";

    private readonly Dictionary<string, JsonObject> _compiled = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _snapshots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BicepRun> _snapshotRuns = new(StringComparer.Ordinal);

    public string WorkDir { get; } = Path.Combine(Path.GetTempPath(), "gtdz-infra-tests-" + Guid.NewGuid().ToString("N"));

    internal BicepRun Build { get; private set; } = null!;

    internal BicepRun BuildParams { get; private set; } = null!;

    internal IReadOnlyDictionary<string, BicepRun> SnapshotRuns => _snapshotRuns;

    public JsonObject DataPlane { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "data-plane.json")))!.AsObject();

    public JsonObject MainTemplate => Compiled("main.bicep");

    public string FullPath(string relative) => Path.Combine(WorkDir, relative);

    /// <summary>The ARM JSON compiled from an infra-relative .bicep path.</summary>
    public JsonObject Compiled(string relative) =>
        _compiled.TryGetValue(relative, out var json) ? json : throw new InvalidOperationException($"{relative} did not compile:\n{Build}");

    /// <summary>The parameters JSON built from an infra-relative .bicepparam path.</summary>
    public JsonObject Parameters(string relative) =>
        _parameters.TryGetValue(relative, out var json) ? json : throw new InvalidOperationException($"{relative} did not build:\n{BuildParams}");

    /// <summary>The deployment snapshot of an infra-relative .bicepparam path.</summary>
    public JsonObject Snapshot(string relative) =>
        _snapshots.TryGetValue(relative, out var json)
            ? json
            : throw new InvalidOperationException($"No snapshot of {relative}:\n{(_snapshotRuns.TryGetValue(relative, out var run) ? run : "not run")}");

    /// <summary>Predicted resources of a parameter set, with the parameters applied.</summary>
    public IReadOnlyList<JsonObject> PredictedResources(string relative) =>
        (Snapshot(relative)["predictedResources"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    public async Task InitializeAsync()
    {
        CopyDirectory(RepoPaths.Infra, WorkDir);
        foreach (var file in InfraFiles.BicepFiles().Concat(InfraFiles.ParamFiles()))
        {
            File.Delete(Path.ChangeExtension(FullPath(file), ".json"));
        }

        var build = BicepRun.RunAsync(WorkDir, "build", "--pattern", "**/*.bicep");
        var buildParams = BicepRun.RunAsync(WorkDir, "build-params", "--pattern", "**/*.bicepparam");
        var snapshots = InfraFiles.ParamFiles().ToDictionary(
            file => file,
            file => BicepRun.RunAsync(
                WorkDir, "snapshot", file, "--mode", "overwrite",
                "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", "eastasia"));
        await Task.WhenAll(snapshots.Values.Append(build).Append(buildParams));

        Build = await build;
        BuildParams = await buildParams;
        foreach (var file in InfraFiles.BicepFiles())
        {
            TryLoad(Path.ChangeExtension(FullPath(file), ".json"), file, _compiled);
        }

        foreach (var file in InfraFiles.ParamFiles())
        {
            TryLoad(Path.ChangeExtension(FullPath(file), ".json"), file, _parameters);
            _snapshotRuns[file] = await snapshots[file];
            TryLoad(Path.ChangeExtension(FullPath(file), ".snapshot.json"), file, _snapshots);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }

    private static void TryLoad(string path, string key, Dictionary<string, JsonObject> into)
    {
        if (File.Exists(path))
        {
            into[key] = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { MaxDepth = 256 })!.AsObject();
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InfraTestGroup : ICollectionFixture<InfraFixture>
{
    public const string Name = "infra";
}

/// <summary>The Bicep sources under infra/, as infra-relative paths with '/' separators.</summary>
public static class InfraFiles
{
    public static IEnumerable<string> BicepFiles() => Find("*.bicep");

    public static IEnumerable<string> ParamFiles() => Find("*.bicepparam");

    public static TheoryData<string> BicepFileData() => [.. BicepFiles()];

    public static TheoryData<string> ParamFileData() => [.. ParamFiles()];

    private static IEnumerable<string> Find(string pattern) =>
        Directory.EnumerateFiles(RepoPaths.Infra, pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Infra, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
}
