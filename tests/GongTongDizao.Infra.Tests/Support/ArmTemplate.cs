using System.Text.Json.Nodes;

namespace GongTongDizao.Infra.Tests.Support;

/// <summary>One resource declaration in a compiled template, with the template (main or nested module) it sits in.</summary>
internal sealed record ArmResource(string Key, JsonObject Body, JsonObject Template, string TemplatePath)
{
    public string Type => Body["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public string Name => Body["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    public override string ToString() => $"{TemplatePath}: {Key} ({Type})";
}

/// <summary>Walks compiled ARM JSON: resources as an array (languageVersion 1) or a symbolic-name object (2.0), and nested module templates.</summary>
internal static class ArmTemplate
{
    public const string DeploymentsType = "Microsoft.Resources/deployments";

    /// <summary>The template and every nested (module) template, depth first, with a readable path.</summary>
    public static IEnumerable<(JsonObject Template, string Path)> TemplatesIn(JsonObject template, string path = "main")
    {
        yield return (template, path);
        foreach (var resource in ResourcesOf(template, path))
        {
            if (resource.Type == DeploymentsType && resource.Body["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in TemplatesIn(nested, $"{path}/{resource.Key}"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>Resources declared directly in one template.</summary>
    public static IEnumerable<ArmResource> ResourcesOf(JsonObject template, string path)
    {
        switch (template["resources"])
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject body)
                    {
                        yield return new ArmResource(i.ToString(System.Globalization.CultureInfo.InvariantCulture), body, template, path);
                    }
                }

                break;
            case JsonObject symbolic:
                foreach (var (key, value) in symbolic)
                {
                    if (value is JsonObject body)
                    {
                        yield return new ArmResource(key, body, template, path);
                    }
                }

                break;
        }
    }

    /// <summary>Every resource in the template and its nested templates (existing resources excluded).</summary>
    public static IEnumerable<ArmResource> AllResources(JsonObject template) =>
        TemplatesIn(template)
            .SelectMany(t => ResourcesOf(t.Template, t.Path))
            .Where(r => r.Body["existing"]?.GetValue<bool>() != true);

    /// <summary>Every output of the template and its nested templates.</summary>
    public static IEnumerable<(string Path, string Name, JsonNode? Value)> AllOutputs(JsonObject template) =>
        TemplatesIn(template).SelectMany(t =>
            (t.Template["outputs"] as JsonObject ?? []).Select(o => (t.Path, o.Key, o.Value?["value"])));

    /// <summary>All strings of a JSON tree (keys and values, unescaped), one per line, for text searches.</summary>
    public static string Text(JsonNode? node) => string.Join('\n', Strings(node).Select(s => s.Value));

    /// <summary>Every string in a JSON tree with its JSON path, skipping "$schema" values.</summary>
    public static IEnumerable<(string Path, string Value)> Strings(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$schema")
                    {
                        continue;
                    }

                    yield return ($"{path}.{key}", key);
                    foreach (var s in Strings(value, $"{path}.{key}"))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var s in Strings(array[i], $"{path}[{i}]"))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text);
                break;
        }
    }
}
