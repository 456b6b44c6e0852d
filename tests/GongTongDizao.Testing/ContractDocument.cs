using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace GongTongDizao.Testing;

/// <summary>
/// The mini-program contract (miniprogram-contract/openapi.yaml, plus any feature fragments under openapi/ not yet
/// merged into it) as JSON, with a JSON Schema validator for its response bodies.
/// </summary>
public sealed partial class ContractDocument
{
    private const string BaseUri = "https://contract.gongtongdizao.test/openapi.json";
    private static readonly Lazy<ContractDocument> s_current = new(() => Load(RepoFolders.Find("miniprogram-contract")));
    private static readonly BuildOptions s_build = CreateBuildOptions();
    private readonly List<(Regex Pattern, string Path)> _paths;
    private readonly Dictionary<(string Method, string Path, int Status, string MediaType), JsonSchema> _schemas = [];

    private ContractDocument(JsonObject root)
    {
        Root = root;
        _paths = [.. Paths.Select(e => e.Key).Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.CultureInvariant), p))];
        var schemaView = root.DeepClone();
        RemoveOpenApiKeywords(schemaView);
        s_build.SchemaRegistry.Register(new Uri(BaseUri), new JsonElementBaseDocument(JsonSerializer.SerializeToElement(schemaView), new Uri(BaseUri)));
    }

    public static ContractDocument Current => s_current.Value;

    public JsonObject Root { get; }

    public JsonObject Paths => Root["paths"]!.AsObject();

    /// <summary>Every (METHOD, /path) the contract documents.</summary>
    public IReadOnlyCollection<(string Method, string Path)> Operations =>
        [.. Paths.SelectMany(p => p.Value!.AsObject().Where(o => s_methods.Contains(o.Key)).Select(o => (o.Key.ToUpperInvariant(), p.Key)))];

    private static readonly HashSet<string> s_methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    public static ContractDocument Load(string folder)
    {
        var root = ReadYaml(Path.Combine(folder, "openapi.yaml"));
        var fragments = Path.Combine(folder, "openapi");
        if (Directory.Exists(fragments))
        {
            foreach (var file in Directory.GetFiles(fragments, "*.yaml").Order(StringComparer.Ordinal))
            {
                Merge(root, ReadYaml(file));
            }
        }

        return new ContractDocument(root);
    }

    /// <summary>The template path of a concrete request path ("/letters/abc" → "/letters/{id}"), literal segments first.</summary>
    public string? MatchPath(string path) =>
        _paths.Where(p => p.Pattern.IsMatch(path)).OrderBy(p => p.Path.Count(c => c == '{')).Select(p => p.Path).FirstOrDefault();

    /// <summary>Validates a response body against the schema the contract gives for this operation and status; null when valid or undocumented.</summary>
    public string? ValidateResponse(string method, string path, int status, string contentType, string body)
    {
        var template = MatchPath(path);
        if (template is null || Paths[template]![method.ToLowerInvariant()] is not JsonObject operation)
        {
            return null;
        }

        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses[$"{status / 100}XX"] ?? responses["default"];
        if (response is null)
        {
            return $"{method} {template}: status {status} is not documented";
        }

        response = Resolve(response);
        if (response["content"] is not JsonObject content || body.Length == 0)
        {
            return null;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        if (content[mediaType]?["schema"] is not JsonNode schemaNode)
        {
            return $"{method} {template} {status}: content type {mediaType} is not documented";
        }

        using var instance = JsonDocument.Parse(body);
        EvaluationResults result;

        // JsonSchema.Net builds and resolves references through the one registry (a plain Dictionary), and the
        // end-to-end tests validate from several threads at once: a concurrent build corrupted it in CI. Each
        // schema is built once and every build and evaluation holds the registry's lock.
        lock (s_build)
        {
            var schema = _schemas.GetValueOrDefault((method, template, status, mediaType)) ?? Build(method, template, status, mediaType, schemaNode);
            result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        return result.IsValid
            ? null
            : $"{method} {template} {status}: body does not match the contract: " +
              string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}").Take(5)) +
              $" — body: {body[..Math.Min(body.Length, 400)]}";
    }

    private JsonSchema Build(string method, string template, int status, string mediaType, JsonNode schemaNode)
    {
        schemaNode = schemaNode.DeepClone();
        RemoveOpenApiKeywords(schemaNode);
        var schema = JsonSchema.FromText(schemaNode.ToJsonString().Replace("\"#/", $"\"{BaseUri}#/", StringComparison.Ordinal), s_build);
        _schemas[(method, template, status, mediaType)] = schema;
        return schema;
    }

    private static BuildOptions CreateBuildOptions() => new() { Dialect = Dialect.Draft202012, SchemaRegistry = new SchemaRegistry() };

    /// <summary>OpenAPI adds keywords JSON Schema 2020-12 does not define ("example", "xml"…); the validator refuses them.</summary>
    private static void RemoveOpenApiKeywords(JsonNode? node, string? parentKey = null)
    {
        if (node is JsonObject obj)
        {
            if (parentKey is not ("properties" or "paths" or "responses" or "content" or "schemas" or "examples" or "headers" or "parameters"))
            {
                foreach (var keyword in new[] { "example", "xml", "externalDocs", "discriminator" })
                {
                    obj.Remove(keyword);
                }
            }

            foreach (var (key, value) in obj.ToList())
            {
                RemoveOpenApiKeywords(value, key);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                RemoveOpenApiKeywords(item);
            }
        }
    }

    private JsonNode Resolve(JsonNode node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal))
        {
            node = reference[2..].Split('/').Aggregate((JsonNode)Root, (current, part) => current[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!);
        }

        return node;
    }

    private static JsonObject ReadYaml(string path)
    {
        using var reader = new StringReader(File.ReadAllText(path));
        var yaml = new YamlStream();
        yaml.Load(reader);
        return YamlConverter.ToJsonNode(yaml.Documents[0]).AsObject();
    }

    private static void Merge(JsonObject root, JsonObject fragment)
    {
        foreach (var section in new[] { "paths" })
        {
            if (fragment[section] is JsonObject items)
            {
                var target = root[section]!.AsObject();
                foreach (var (key, value) in items.ToList())
                {
                    target[key] ??= value?.DeepClone();
                }
            }
        }

        if (fragment["components"] is JsonObject components)
        {
            var target = root["components"]!.AsObject();
            foreach (var (kind, entries) in components.ToList())
            {
                var targetKind = (target[kind] ??= new JsonObject()).AsObject();
                foreach (var (key, value) in entries!.AsObject().ToList())
                {
                    targetKind[key] ??= value?.DeepClone();
                }
            }
        }
    }
}
