using System.Text.Json.Nodes;
using GongTongDizao.Infra.Tests.Support;

namespace GongTongDizao.Infra.Tests;

/// <summary>The public-cloud and Azure China parameter sets, azd's main.parameters.json and azure.yaml.</summary>
[Collection(InfraTestGroup.Name)]
public sealed class ParameterSetTests(InfraFixture infra)
{
    private const string Public = "params/public-production.bicepparam";
    private const string China = "params/china-production.bicepparam";

    [Fact]
    public void Public_cloud_runs_on_flex_consumption_with_dotnet_isolated_10()
    {
        Assert.Equal("FlexConsumption", ParameterValue(Public, "hostingPlan"));
        var resources = infra.PredictedResources(Public);
        var plan = resources.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.Equal("FC1", plan["sku"]!["name"]!.GetValue<string>());

        var config = resources.Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", config["runtime"]!["name"]!.GetValue<string>());
        Assert.Equal("10.0", config["runtime"]!["version"]!.GetValue<string>());
        var storage = config["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Contains("primaryEndpoints.blob", storage["value"]!.GetValue<string>(), StringComparison.Ordinal);

        var settings = resources.AppSettingNames();
        Assert.DoesNotContain(settings, s => s.StartsWith("FUNCTIONS_", StringComparison.Ordinal));
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings);
    }

    [Fact]
    public void Azure_china_runs_on_elastic_premium_from_a_package_read_with_the_managed_identity()
    {
        Assert.Equal("ElasticPremium", ParameterValue(China, "hostingPlan"));
        Assert.StartsWith("china", ParameterValue(China, "location"), StringComparison.Ordinal);

        var resources = infra.PredictedResources(China);
        var plan = resources.Single("Microsoft.Web/serverfarms");
        Assert.Equal("ElasticPremium", plan["sku"]!["tier"]!.GetValue<string>());
        Assert.StartsWith("EP", plan["sku"]!["name"]!.GetValue<string>(), StringComparison.Ordinal);

        var site = resources.Single("Microsoft.Web/sites")["properties"]!;
        Assert.Null(site["functionAppConfig"]);
        Assert.Equal("DOTNET-ISOLATED|10.0", site["siteConfig"]!["linuxFxVersion"]!.GetValue<string>());

        var settings = resources.AppSettingNames();
        foreach (var name in new[] { "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID" })
        {
            Assert.Contains(name, settings);
        }

        Assert.DoesNotContain("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", settings);
    }

    [Fact]
    public void Azd_parameters_cover_every_required_parameter_from_azd_environment_variables()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        var declared = infra.MainTemplate["parameters"]!.AsObject();
        foreach (var (name, _) in file)
        {
            Assert.True(declared.ContainsKey(name), $"main.parameters.json sets {name}, which main.bicep does not declare.");
        }

        foreach (var (name, definition) in declared)
        {
            if (definition!["defaultValue"] is null && definition["nullable"]?.GetValue<bool>() != true)
            {
                Assert.True(file.ContainsKey(name), $"main.parameters.json does not set the required parameter {name}.");
            }
        }

        Assert.Equal("${AZURE_ENV_NAME}", file["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION}", file["location"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_PRINCIPAL_ID}", file["principalId"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Azure_yaml_deploys_the_functions_project_as_service_api()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.RepoRoot, "azure.yaml")).Select(l => l.TrimEnd()).ToList();
        Assert.Contains("name: gongtongdizao", lines);
        Assert.Contains("services:", lines);
        Assert.Contains("  api:", lines);
        Assert.Contains("    project: ./functions/GongTongDizao.Functions", lines);
        Assert.Contains("    language: dotnet", lines);
        Assert.Contains("    host: function", lines);
        Assert.True(Directory.Exists(Path.Combine(RepoPaths.RepoRoot, "functions", "GongTongDizao.Functions")));

        var outputs = infra.MainTemplate["outputs"]!.AsObject();
        foreach (var name in new[] { "AZURE_FUNCTION_APP_NAME", "AZURE_RESOURCE_GROUP", "AZURE_KEY_VAULT_NAME", "AZURE_FUNCTION_APP_HOST", "AZURE_LOCATION", "AZURE_TENANT_ID" })
        {
            Assert.True(outputs.ContainsKey(name), $"main.bicep should output {name} for azd.");
        }
    }

    [Fact]
    public void Elastic_premium_deploy_script_is_valid_bash()
    {
        var script = Path.Combine(RepoPaths.Infra, "scripts", "deploy-package.sh");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash") { ArgumentList = { "-n", script }, RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
    }

    private string ParameterValue(string file, string name) =>
        infra.Parameters(file)["parameters"]![name]!["value"]!.GetValue<string>();
}
