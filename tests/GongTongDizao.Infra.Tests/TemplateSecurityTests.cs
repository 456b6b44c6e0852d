using System.Text.RegularExpressions;
using GongTongDizao.Infra.Tests.Support;

namespace GongTongDizao.Infra.Tests;

/// <summary>Keyless, secret-free, least-privilege and cloud-neutral: checked on the compiled ARM JSON and the snapshots.</summary>
[Collection(InfraTestGroup.Name)]
public sealed partial class TemplateSecurityTests(InfraFixture infra)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    public static TheoryData<string> ParamFiles => InfraFiles.ParamFileData();

    public static TheoryData<string> AllCompiledFiles => [.. InfraFiles.BicepFiles().Concat(InfraFiles.ParamFiles())];

    [Theory]
    [MemberData(nameof(AllCompiledFiles))]
    public void No_fixed_cloud_dns_suffix_in_compiled_json(string file)
    {
        var json = file.EndsWith(".bicepparam", StringComparison.Ordinal) ? infra.Parameters(file) : infra.Compiled(file);
        var hits = ArmTemplate.Strings(json).Where(s => CloudSuffix().IsMatch(s.Value)).Select(s => $"{s.Path}: {s.Value}").ToList();
        Assert.True(hits.Count == 0, "Use environment().suffixes or resource properties instead of:\n" + string.Join('\n', hits));
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void No_fixed_cloud_dns_suffix_in_predicted_resources(string file)
    {
        var hits = infra.PredictedResources(file).SelectMany(r => ArmTemplate.Strings(r)).Where(s => CloudSuffix().IsMatch(s.Value)).ToList();
        Assert.Empty(hits);
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Storage_is_keyless_tls12_and_private(string file)
    {
        var storage = infra.PredictedResources(file).Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(storage["supportsHttpsTrafficOnly"]!.GetValue<bool>());

        foreach (var container in infra.PredictedResources(file).OfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.Equal("None", container["properties"]!["publicAccess"]!.GetValue<string>());
        }
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Cosmos_is_serverless_with_local_auth_disabled(string file)
    {
        var account = infra.PredictedResources(file).Single("Microsoft.DocumentDB/databaseAccounts")["properties"]!;
        Assert.True(account["disableLocalAuth"]!.GetValue<bool>());
        Assert.Contains(account["capabilities"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "EnableServerless");
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Key_vault_uses_rbac_and_soft_delete_and_holds_no_secret(string file)
    {
        var resources = infra.PredictedResources(file);
        var vault = resources.Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(vault["enablePurgeProtection"]!.GetValue<bool>(), "The production parameter sets turn purge protection on.");
        Assert.Empty(resources.OfType("Microsoft.KeyVault/vaults/secrets"));
        Assert.DoesNotContain(ArmTemplate.AllResources(infra.MainTemplate), r => r.Type.Equals("Microsoft.KeyVault/vaults/secrets", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_role_assignment_is_scoped_to_one_resource_and_named_with_guid()
    {
        var assignments = ArmTemplate.AllResources(infra.MainTemplate)
            .Where(r => r.Type.Equals("Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(assignments);
        foreach (var assignment in assignments)
        {
            var scope = assignment.Body["scope"]?.GetValue<string>();
            Assert.True(scope is not null, $"{assignment} has no scope, so it would apply to the whole resource group.");
            var scopeNode = ArmExpression.ParseValue(scope!);
            Assert.True(
                scopeNode is ArmCall { Name: "resourceId" or "extensionResourceId" } call && call.Arguments.Any(a => a is ArmString s && s.Value.StartsWith("Microsoft.", StringComparison.Ordinal)),
                $"{assignment} scope {scope} is not a single resource.");
            Assert.DoesNotContain(scopeNode.DescendantsAndSelf(), n => n is ArmCall { Name: "resourceGroup" or "subscription" });

            var name = ArmExpression.ParseValue(assignment.Body["name"]!.GetValue<string>());
            Assert.True(name is ArmCall { Name: "guid" }, $"{assignment} name {name} is not built with guid().");
        }
    }

    [Fact]
    public void Every_cosmos_sql_role_assignment_is_scoped_to_the_account_and_named_with_guid()
    {
        var assignments = ArmTemplate.AllResources(infra.MainTemplate)
            .Where(r => r.Type.Equals("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(assignments);
        foreach (var assignment in assignments)
        {
            var name = ArmExpression.ParseValue(assignment.Body["name"]!.GetValue<string>());
            Assert.Contains(name.DescendantsAndSelf(), n => n is ArmCall { Name: "guid" });

            var properties = assignment.Body["properties"]!;
            var scope = ArmExpression.ParseValue(properties["scope"]!.GetValue<string>());
            var accounts = scope.DescendantsAndSelf().OfType<ArmCall>()
                .Where(c => c.Is("resourceId") && c.Arguments[0] is ArmString { Value: "Microsoft.DocumentDB/databaseAccounts" })
                .ToList();
            Assert.True(accounts.Count == 1, $"{assignment} scope {scope} must be one Cosmos DB account (or a database in it).");
            Assert.DoesNotContain(scope.DescendantsAndSelf(), n => n is ArmCall { Name: "resourceGroup" or "subscription" });

            var role = ArmExpression.ParseValue(properties["roleDefinitionId"]!.GetValue<string>());
            Assert.Contains(role.DescendantsAndSelf(), n => n is ArmCall { Name: "resourceId" } c && c.Arguments[0] is ArmString { Value: "Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions" });
        }

        Assert.Contains("00000000-0000-0000-0000-000000000002", ArmTemplate.Text(infra.Compiled("modules/cosmos.bicep")), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Role_assignments_attach_to_single_resources_with_the_expected_roles(string file)
    {
        var resources = infra.PredictedResources(file);
        var assignments = resources.OfType("Microsoft.Authorization/roleAssignments").ToList();
        var byScopeType = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in assignments)
        {
            var scope = assignment.ExtensionScope();
            Assert.Matches(SingleResourceId(), scope);
            var type = SingleResourceId().Match(scope).Groups["type"].Value;
            var role = assignment["properties"]!["roleDefinitionId"]!.GetValue<string>().Split('/')[^1];
            if (!byScopeType.TryGetValue(type, out var roles))
            {
                byScopeType[type] = roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            roles.Add(role);
        }

        Assert.Superset(new HashSet<string> { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor }, byScopeType["Microsoft.Storage/storageAccounts"]);
        Assert.Subset(new HashSet<string> { StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, StorageBlobDataContributor }, byScopeType["Microsoft.Storage/storageAccounts"]);
        Assert.Contains(KeyVaultSecretsUser, byScopeType["Microsoft.KeyVault/vaults"]);
        Assert.Subset(new HashSet<string> { KeyVaultSecretsUser, KeyVaultSecretsOfficer }, byScopeType["Microsoft.KeyVault/vaults"]);
        Assert.Equal([MonitoringMetricsPublisher], byScopeType["Microsoft.Insights/components"]);
        Assert.Equal(3, byScopeType.Count);
    }

    [Fact]
    public void Monitoring_metrics_publisher_is_granted_only_with_entra_ingestion_in_the_public_cloud()
    {
        var monitoring = infra.Compiled("modules/monitoring.bicep");
        var grant = ArmTemplate.ResourcesOf(monitoring, "monitoring").Single(r => r.Type == "Microsoft.Authorization/roleAssignments");
        Assert.Equal("[parameters('entraOnlyIngestion')]", grant.Body["condition"]!.GetValue<string>());

        var main = ArmTemplate.Text(infra.MainTemplate);
        Assert.Contains("equals(environment().name, 'AzureCloud')", main, StringComparison.Ordinal);
    }

    [Fact]
    public void No_output_exposes_a_secret_key_or_connection_string()
    {
        var outputs = ArmTemplate.AllOutputs(infra.MainTemplate).ToList();
        Assert.NotEmpty(outputs);
        foreach (var (path, name, value) in outputs)
        {
            var normalisedName = name.Replace("KEY_VAULT", string.Empty, StringComparison.OrdinalIgnoreCase).Replace("keyVault", string.Empty, StringComparison.OrdinalIgnoreCase);
            Assert.False(SecretLikeName().IsMatch(normalisedName), $"Output {path}.{name} looks like a secret.");
            var text = value?.ToJsonString() ?? string.Empty;
            Assert.False(SecretLikeValue().IsMatch(text), $"Output {path}.{name} = {text} exposes a secret, key or connection string.");
            Assert.DoesNotContain("APPLICATIONINSIGHTS_CONNECTION_STRING", name, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Secrets_reach_the_app_only_as_key_vault_references_resolved_with_the_managed_identity()
    {
        var settings = AppSettingsReader.Read(infra.MainTemplate).Settings;
        var expected = new Dictionary<string, string>
        {
            ["WeChat__AppSecret"] = "wechat-app-secret",
            ["WeChat__Token"] = "wechat-push-token",
            ["WeChat__EncodingAesKey"] = "wechat-encoding-aes-key",
            ["Auth__SigningKey"] = "token-signing-key",
            ["Auth__DataProtectionKey"] = "data-protection-key",
        };
        var functionApp = ArmTemplate.Text(infra.Compiled("modules/function-app.bicep"));
        Assert.Contains("@Microsoft.KeyVault(VaultName=", functionApp, StringComparison.Ordinal);
        foreach (var (setting, secret) in expected)
        {
            Assert.True(settings.ContainsKey(setting), $"{setting} is not set.");
            Assert.Contains(secret, ArmTemplate.Text(infra.MainTemplate), StringComparison.Ordinal);
        }

        foreach (var file in InfraFiles.ParamFiles())
        {
            var site = infra.PredictedResources(file).Single("Microsoft.Web/sites");
            var config = infra.PredictedResources(file).Single("Microsoft.Web/sites/config")["properties"]!.GetValue<string>();
            foreach (var (setting, secret) in expected)
            {
                Assert.Contains($"'{setting}', '@Microsoft.KeyVault(VaultName=", config, StringComparison.Ordinal);
                Assert.Contains($";SecretName={secret})'", config, StringComparison.Ordinal);
            }

            Assert.Equal(
                site["identity"]!["userAssignedIdentities"]!.AsObject().Single().Key,
                site["properties"]!["keyVaultReferenceIdentity"]!.GetValue<string>());
        }

        Assert.DoesNotContain(ArmTemplate.Strings(infra.MainTemplate), s => KeyMaterial().IsMatch(s.Value));
    }

    [Fact]
    public void Storage_connection_is_keyless_with_service_uris_from_primary_endpoints()
    {
        var settings = AppSettingsReader.Read(infra.MainTemplate).Settings;
        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"].ToString());
        Assert.Contains("clientId", settings["AzureWebJobsStorage__clientId"].ToString(), StringComparison.OrdinalIgnoreCase);
        foreach (var (service, endpoint) in new[] { ("blob", "blob"), ("queue", "queue"), ("table", "table") })
        {
            var value = settings[$"AzureWebJobsStorage__{service}ServiceUri"].ToString();
            Assert.EndsWith($".primaryEndpoints.{endpoint}", value, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(settings.Keys, k => k.Equals("AzureWebJobsStorage", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("reference('site').defaultHostName", settings["Auth__Issuer"].ToString(), StringComparison.Ordinal);
        Assert.Contains("documentEndpoint", ArmTemplate.Text(infra.MainTemplate), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Function_app_is_https_only_tls12_without_ftp_or_basic_publishing(string file)
    {
        var resources = infra.PredictedResources(file);
        var site = resources.Single("Microsoft.Web/sites");
        var properties = site["properties"]!;
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", properties["siteConfig"]!["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", properties["siteConfig"]!["ftpsState"]!.GetValue<string>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        Assert.Equal("api", site["tags"]!["azd-service-name"]!.GetValue<string>());

        var policies = resources.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(p => p.Name().Split('/')[^1]).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False(p["properties"]!["allow"]!.GetValue<bool>()));
    }

    [Fact]
    public void Entra_only_ingestion_follows_the_cloud()
    {
        var settings = AppSettingsReader.Read(infra.MainTemplate).Settings;
        Assert.Equal(
            "format('Authorization=AAD;ClientId={0}', parameters('identityClientId'))",
            settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"].ToString());
        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"].ToString(), StringComparison.Ordinal);

        var component = ArmTemplate.ResourcesOf(infra.Compiled("modules/monitoring.bicep"), "monitoring").Single(r => r.Type == "Microsoft.Insights/components");
        Assert.Equal("[parameters('entraOnlyIngestion')]", component.Body["properties"]!["DisableLocalAuth"]!.GetValue<string>());
        var functionApp = ArmTemplate.Text(infra.Compiled("modules/function-app.bicep"));
        Assert.Contains("if(parameters('entraOnlyIngestion'), createObject('APPLICATIONINSIGHTS_AUTHENTICATION_STRING'", functionApp, StringComparison.Ordinal);
    }

    // Fixed DNS names of Azure clouds: they must come from environment().suffixes or resource properties.
    [GeneratedRegex(@"(core\.windows\.net|windows\.net|azurewebsites\.net|documents\.azure\.com|vault\.azure\.net|azure\.com|azure\.net|azure\.cn|chinacloudapi\.cn|chinacloudsites\.cn|chinacloudapp\.cn|usgovcloudapi\.net|azure-api\.net|cloudapp\.net|azurecr\.io|loganalytics\.io|trafficmanager\.net)", RegexOptions.IgnoreCase)]
    private static partial Regex CloudSuffix();

    [GeneratedRegex("(listKeys|listConnectionStrings|listSecrets|listAccountSas|listServiceSas|AccountKey=|SharedAccessSignature)", RegexOptions.IgnoreCase)]
    private static partial Regex KeyMaterial();

    [GeneratedRegex(@"^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/(?<type>[^/]+/[^/]+)/[^/]+$", RegexOptions.IgnoreCase)]
    private static partial Regex SingleResourceId();

    [GeneratedRegex("(secret|password|passwd|key|token|connectionstring|connection_string|sas)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    [GeneratedRegex("(listKeys|listConnectionStrings|listSecrets|listAccountSas|listServiceSas|ConnectionString|InstrumentationKey|primaryKey|secondaryKey|primaryMasterKey|AccountKey=)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeValue();
}
