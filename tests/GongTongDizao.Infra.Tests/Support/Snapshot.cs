using System.Text.Json.Nodes;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>Helpers over the predicted resources of a snapshot.</summary>
internal static class Snapshot
{
    public static string Type(this JsonObject resource) => resource["type"]?.GetValue<string>() ?? string.Empty;

    public static string Name(this JsonObject resource) => resource["name"]?.GetValue<string>() ?? string.Empty;

    public static IEnumerable<JsonObject> OfType(this IEnumerable<JsonObject> resources, string type) =>
        resources.Where(r => string.Equals(r.Type(), type, StringComparison.OrdinalIgnoreCase));

    public static JsonObject Single(this IEnumerable<JsonObject> resources, string type)
    {
        var matches = resources.OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    /// <summary>
    /// The resource id an extension resource (role assignment) is attached to: from its literal id, or from
    /// the first argument of extensionResourceId(...) when the name is only known at deployment.
    /// </summary>
    public static string ExtensionScope(this JsonObject resource)
    {
        var id = resource["id"]!.GetValue<string>();
        if (ArmExpression.IsExpression(id))
        {
            var call = ArmExpression.ParseValue(id) as ArmCall;
            Assert.True(call is { Name: "extensionResourceId" } && call.Arguments[0] is ArmString, $"Unexpected id {id}");
            return ((ArmString)call!.Arguments[0]).Value;
        }

        var marker = "/providers/" + resource.Type() + "/";
        var at = id.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
        Assert.True(at > 0, $"Unexpected id {id}");
        return id[..at];
    }

    /// <summary>Parses the ARM expression string of the appsettings resource into setting names.</summary>
    public static IReadOnlyCollection<string> AppSettingNames(this IEnumerable<JsonObject> resources)
    {
        var config = resources.OfType("Microsoft.Web/sites/config").Single(r => r.Name().EndsWith("/appsettings", StringComparison.OrdinalIgnoreCase));
        var template = new JsonObject
        {
            ["resources"] = new JsonArray(new JsonObject
            {
                ["type"] = "Microsoft.Web/sites/config",
                ["name"] = config.Name(),
                ["properties"] = config["properties"]!.DeepClone(),
            }),
        };
        var settings = AppSettingsReader.Read(template);
        Assert.Empty(settings.Unresolved);
        return settings.Settings.Keys;
    }
}
