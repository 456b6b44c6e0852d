using System.Text.Json.Nodes;
using GongTongDizao.Infra.Tests.Support;

namespace GongTongDizao.Infra.Tests;

/// <summary>Alerts, the administrators' workbook and the telemetry contract in docs/deploy.md.</summary>
[Collection(InfraTestGroup.Name)]
public sealed class MonitoringTests(InfraFixture infra)
{
    /// <summary>The customEvents the workbook reads; docs/deploy.md tells the app developers to emit exactly these.</summary>
    private static readonly string[] s_workbookEvents = ["LetterStatusChanged", "LetterEvaluated", "DeliberationHeld", "DeedDone", "NotificationDelivery"];

    private static readonly string[] s_secretNames = ["wechat-app-secret", "wechat-push-token", "wechat-encoding-aes-key", "token-signing-key", "data-protection-key"];

    public static TheoryData<string> ParamFiles => InfraFiles.ParamFileData();

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Workspace_based_app_insights_is_deployed(string file)
    {
        var resources = infra.PredictedResources(file);
        resources.Single("Microsoft.OperationalInsights/workspaces");
        var component = resources.Single("Microsoft.Insights/components")["properties"]!;
        Assert.Equal("LogAnalytics", component["IngestionMode"]!.GetValue<string>());
        Assert.NotNull(component["WorkspaceResourceId"]);
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Alerts_watch_poison_queues_http_5xx_and_wechat_send_failures(string file)
    {
        var rules = infra.PredictedResources(file).OfType("Microsoft.Insights/scheduledQueryRules").ToList();
        var queries = rules.Select(r => r["properties"]!["criteria"]!["allOf"]![0]!["query"]!.GetValue<string>()).ToList();
        Assert.Equal(3, rules.Count);

        var poisonQueues = infra.DataPlane["storage"]!["queues"]!.AsArray().Select(q => q!.GetValue<string>()).Where(q => q.EndsWith("-poison", StringComparison.Ordinal)).ToList();
        Assert.Equal(["events-poison", "deliveries-poison", "delivery-batches-poison", "timers-poison"], poisonQueues);
        var poison = Assert.Single(queries, q => q.Contains("poison", StringComparison.Ordinal));
        Assert.All(poisonQueues, q => Assert.Contains($"'{q}'", poison, StringComparison.Ordinal));

        Assert.Single(queries, q => q.Contains("AppRequests", StringComparison.Ordinal) && q.Contains(">= 500", StringComparison.Ordinal));
        var weChat = Assert.Single(queries, q => q.Contains("WeChatSendFailed", StringComparison.Ordinal));
        Assert.Contains("wechat.send.failed", weChat, StringComparison.Ordinal);

        foreach (var rule in rules)
        {
            var properties = rule["properties"]!;
            Assert.True(properties["enabled"]!.GetValue<bool>());
            Assert.Matches("^/subscriptions/.+/providers/Microsoft.OperationalInsights/workspaces/|outputs.workspaceId", properties["scopes"]![0]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_action_group_exists_only_when_an_email_is_given()
    {
        var alerts = infra.Compiled("modules/alerts.bicep");
        var group = ArmTemplate.ResourcesOf(alerts, "alerts").Single(r => r.Type == "Microsoft.Insights/actionGroups");
        Assert.Equal("[not(empty(parameters('alertEmail')))]", group.Body["condition"]!.GetValue<string>());
        Assert.Equal("[parameters('alertEmail')]", group.Body["properties"]!["emailReceivers"]![0]!["emailAddress"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void The_workbook_reads_the_app_events_and_shows_the_three_rates(string file)
    {
        var workbook = infra.PredictedResources(file).Single("Microsoft.Insights/workbooks");
        var properties = workbook["properties"]!;
        var appInsights = infra.PredictedResources(file).Single("Microsoft.Insights/components")["id"]!.GetValue<string>();
        Assert.Equal(appInsights, properties["sourceId"]!.GetValue<string>());

        var data = JsonNode.Parse(properties["serializedData"]!.GetValue<string>())!;
        Assert.Equal("Notebook/1.0", data["version"]!.GetValue<string>());
        Assert.Equal([appInsights], data["fallbackResourceIds"]!.AsArray().Select(n => n!.GetValue<string>()));

        var queries = data["items"]!.AsArray()
            .Where(i => i!["type"]!.GetValue<int>() == 3)
            .Select(i => i!["content"]!["query"]!.GetValue<string>())
            .ToList();
        Assert.True(queries.Count >= 6);
        Assert.All(queries, q => Assert.Contains("customEvents", q, StringComparison.Ordinal));
        foreach (var name in s_workbookEvents)
        {
            Assert.Contains(queries, q => q.Contains($"\"{name}\"", StringComparison.Ordinal));
        }

        var all = string.Join('\n', queries);
        Assert.Contains("Response rate", all, StringComparison.Ordinal);
        Assert.Contains("Resolution rate", all, StringComparison.Ordinal);
        Assert.Contains("Satisfaction rate", all, StringComparison.Ordinal);
        foreach (var outcome in new[] { "outcome", "templateKey", "letterId", "communityId", "topicId", "satisfaction", "resolved", "category", "count" })
        {
            Assert.Contains($"customDimensions.{outcome}", all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deploy_guide_names_the_events_secrets_and_alerts()
    {
        var guide = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "docs", "deploy.md"));
        foreach (var name in s_workbookEvents.Concat(s_secretNames).Concat(["WeChatSendFailed", "wechat.send.failed", "events-poison", "deliveries-poison", "timers-poison"]))
        {
            Assert.Contains($"`{name}`", guide, StringComparison.Ordinal);
        }

        foreach (var command in new[] { "azd auth login", "azd env new", "azd up", "az deployment sub create", "az cloud set --name AzureChinaCloud", "azd config set cloud.name AzureChinaCloud", "az keyvault secret set" })
        {
            Assert.Contains(command, guide, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, "docs", "decisions", "0002-hosting-per-cloud.md")));
    }
}
