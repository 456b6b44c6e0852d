using System.Text.Json;
using System.Text.Json.Nodes;
using GongTongDizao.Infra.Tests.Support;

namespace GongTongDizao.Infra.Tests;

/// <summary>Every Bicep file and parameter file compiles offline with zero diagnostics under the strict linter.</summary>
[Collection(InfraTestGroup.Name)]
public sealed class BicepBuildTests(InfraFixture infra)
{
    // Rules that may be off, and why (see infra/bicepconfig.json).
    private static readonly HashSet<string> s_rulesAllowedOff = new(StringComparer.Ordinal)
    {
        "use-recent-api-versions",    // depends on today's date, so it would turn a green build red by itself
        "use-recent-module-versions", // needs a module registry; we use local modules only
    };

    [Fact]
    public void The_infra_folder_has_main_modules_and_both_parameter_sets()
    {
        var bicep = InfraFiles.BicepFiles().ToList();
        Assert.Contains("main.bicep", bicep);
        Assert.Contains(bicep, f => f.StartsWith("modules/", StringComparison.Ordinal));
        Assert.Equal(["params/china-production.bicepparam", "params/public-production.bicepparam"], InfraFiles.ParamFiles());
    }

    [Theory]
    [MemberData(nameof(InfraFiles.BicepFileData), MemberType = typeof(InfraFiles))]
    public void Bicep_file_builds_with_zero_diagnostics(string file)
    {
        Assert.Empty(infra.Build.DiagnosticsFor(infra.FullPath(file)));
        Assert.NotNull(infra.Compiled(file));
    }

    [Theory]
    [MemberData(nameof(InfraFiles.ParamFileData), MemberType = typeof(InfraFiles))]
    public void Parameter_file_builds_with_zero_diagnostics(string file)
    {
        Assert.Empty(infra.BuildParams.DiagnosticsFor(infra.FullPath(file)));
        Assert.NotNull(infra.Parameters(file)["parameters"]);
    }

    [Fact]
    public void The_bicep_cli_reports_nothing_at_all()
    {
        Assert.True(infra.Build.ExitCode == 0 && infra.Build.StandardError.Trim().Length == 0, infra.Build.ToString());
        Assert.True(infra.BuildParams.ExitCode == 0 && infra.BuildParams.StandardError.Trim().Length == 0, infra.BuildParams.ToString());
    }

    [Theory]
    [MemberData(nameof(InfraFiles.ParamFileData), MemberType = typeof(InfraFiles))]
    public void Parameter_set_expands_into_a_full_snapshot_without_short_circuits(string file)
    {
        var run = infra.SnapshotRuns[file];
        Assert.True(run.ExitCode == 0, run.ToString());
        var diagnostics = infra.Snapshot(file)["diagnostics"] as JsonArray ?? [];
        Assert.True(diagnostics.Count == 0, $"What-If would not predict everything:\n{diagnostics.ToJsonString()}");
        Assert.NotEmpty(infra.PredictedResources(file));
    }

    [Fact]
    public void Linter_is_enabled_and_strict()
    {
        var config = JsonNode.Parse(
            File.ReadAllText(Path.Combine(RepoPaths.Infra, "bicepconfig.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var core = config["analyzers"]!["core"]!;
        Assert.True(core["enabled"]!.GetValue<bool>());

        var rules = core["rules"]!.AsObject();
        Assert.True(rules.Count >= 30, "bicepconfig.json should set a level for every linter rule.");
        foreach (var (rule, settings) in rules)
        {
            var level = settings!["level"]!.GetValue<string>();
            if (s_rulesAllowedOff.Contains(rule))
            {
                continue;
            }

            Assert.True(level is "error" or "warning", $"Rule {rule} is at level '{level}'.");
        }

        var disallowed = rules["no-hardcoded-env-urls"]!["disallowedhosts"]!.AsArray().Select(h => h!.GetValue<string>()).ToList();
        Assert.Contains("core.windows.net", disallowed);
        Assert.Contains("chinacloudapi.cn", disallowed);
        Assert.Contains("azure.cn", disallowed);
        Assert.Contains("azurewebsites.net", disallowed);
    }

    [Theory]
    [MemberData(nameof(InfraFiles.BicepFileData), MemberType = typeof(InfraFiles))]
    public void Only_local_modules_are_used(string file)
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Infra, file));
        Assert.DoesNotContain("'br:", source, StringComparison.Ordinal);
        Assert.DoesNotContain("'br/", source, StringComparison.Ordinal);
        Assert.DoesNotContain("'ts:", source, StringComparison.Ordinal);
        Assert.DoesNotContain("'ts/", source, StringComparison.Ordinal);
    }
}
