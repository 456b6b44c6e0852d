using System.Text.Json.Nodes;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>The app settings a compiled template sets: exact names (with their value expressions) and name prefixes.</summary>
internal sealed class TemplateAppSettings
{
    public Dictionary<string, ArmNode> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Prefixes of names built at deployment time, e.g. WeChat__Templates__ from toObject(...).</summary>
    public HashSet<string> Prefixes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parts of the settings object the reader could not follow (should be empty).</summary>
    public List<string> Unresolved { get; } = [];
}

/// <summary>
/// Reads the app settings out of compiled ARM JSON without deploying: the <c>Microsoft.Web/sites/config</c>
/// "appsettings" resources and <c>siteConfig.appSettings</c> of sites, following union/if/createObject/variables/
/// toObject as Bicep emits them. Anything else is reported as unresolved so the drift test cannot silently miss names.
/// </summary>
internal static class AppSettingsReader
{
    public static TemplateAppSettings Read(JsonObject mainTemplate)
    {
        var result = new TemplateAppSettings();
        foreach (var resource in ArmTemplate.AllResources(mainTemplate))
        {
            if (resource.Type.Equals("Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase)
                && resource.Name.Contains("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                ReadObject(resource.Body["properties"], resource.Template, result, resource.ToString());
            }
            else if (resource.Type.Equals("Microsoft.Web/sites", StringComparison.OrdinalIgnoreCase)
                && resource.Body["properties"]?["siteConfig"]?["appSettings"] is { } siteSettings)
            {
                ReadNameValueArray(siteSettings, resource.Template, result, resource.ToString());
            }
        }

        return result;
    }

    private static void ReadObject(JsonNode? node, JsonObject template, TemplateAppSettings result, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    result.Settings[key] = value is JsonValue v && v.TryGetValue<string>(out var s) ? ArmExpression.ParseValue(s) : new ArmString(value?.ToJsonString() ?? "null");
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && ArmExpression.IsExpression(text):
                ReadObjectExpression(ArmExpression.ParseValue(text), template, result, where);
                break;
            default:
                result.Unresolved.Add($"{where}: {node?.ToJsonString()}");
                break;
        }
    }

    private static void ReadObjectExpression(ArmNode node, JsonObject template, TemplateAppSettings result, string where)
    {
        if (node is not ArmCall call)
        {
            result.Unresolved.Add($"{where}: {node}");
            return;
        }

        if (call.Is("createObject"))
        {
            for (var i = 0; i + 1 < call.Arguments.Count; i += 2)
            {
                ReadKey(call.Arguments[i], call.Arguments[i + 1], result, where);
            }
        }
        else if (call.Is("union") || call.Is("shallowMerge"))
        {
            foreach (var argument in call.Arguments)
            {
                ReadObjectExpression(argument, template, result, where);
            }
        }
        else if (call.Is("if") && call.Arguments.Count == 3)
        {
            ReadObjectExpression(call.Arguments[1], template, result, where);
            ReadObjectExpression(call.Arguments[2], template, result, where);
        }
        else if (call.Is("variables") && call.Arguments is [ArmString variableName])
        {
            ReadObject(template["variables"]?[variableName.Value], template, result, $"{where} variables('{variableName.Value}')");
        }
        else if (call.Is("toObject") && call.Arguments.Count >= 2 && call.Arguments[1] is ArmCall { Name: "lambda" } keyLambda)
        {
            var valueLambda = call.Arguments.Count > 2 ? call.Arguments[2] : new ArmString(string.Empty);
            ReadKey(keyLambda.Arguments[^1], valueLambda, result, where);
        }
        else
        {
            result.Unresolved.Add($"{where}: {call}");
        }
    }

    private static void ReadKey(ArmNode key, ArmNode value, TemplateAppSettings result, string where)
    {
        switch (key)
        {
            case ArmString name:
                result.Settings[name.Value] = value;
                break;
            case ArmCall { Name: "format" } format when format.Arguments is [ArmString pattern, ..]:
                AddPrefix(pattern.Value[..Math.Max(0, pattern.Value.IndexOf('{', StringComparison.Ordinal))], key, result, where);
                break;
            case ArmCall { Name: "concat" } concat when concat.Arguments is [ArmString first, ..]:
                AddPrefix(first.Value, key, result, where);
                break;
            default:
                result.Unresolved.Add($"{where}: key {key}");
                break;
        }
    }

    private static void AddPrefix(string prefix, ArmNode key, TemplateAppSettings result, string where)
    {
        if (prefix.Length == 0)
        {
            result.Unresolved.Add($"{where}: key {key}");
        }
        else
        {
            result.Prefixes.Add(prefix);
        }
    }

    private static void ReadNameValueArray(JsonNode node, JsonObject template, TemplateAppSettings result, string where)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item?["name"] is JsonValue name && name.TryGetValue<string>(out var text) && !ArmExpression.IsExpression(text))
                {
                    var value = item["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? ArmExpression.ParseValue(s) : new ArmString(string.Empty);
                    result.Settings[text] = value;
                }
                else
                {
                    result.Unresolved.Add($"{where}: siteConfig.appSettings item {item?.ToJsonString()}");
                }
            }
        }
        else
        {
            result.Unresolved.Add($"{where}: siteConfig.appSettings {node.ToJsonString()} (use a literal array or the appsettings config resource)");
        }
    }
}
