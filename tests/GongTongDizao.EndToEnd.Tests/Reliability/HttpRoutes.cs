using System.Text.Json.Nodes;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>Every HTTP function the build serves, with what the contract says of its body and security.</summary>
public sealed record HttpRoute(string Method, string Template, AuthLevel Level, JsonObject? RequestSchema, bool NeedsBearer)
{
    /// <summary>Routes whose callers are not people with a token: health, login, the WeChat push endpoint.</summary>
    private static readonly HashSet<string> s_public = ["/health", "/auth/login", "/wechat/push"];

    public static IReadOnlyList<HttpRoute> All()
    {
        var contract = ContractDocument.Current;
        return [.. FunctionApp.Locate(null).ReadMetadataFile()
            .Where(f => f.Http is not null)
            .SelectMany(f => f.Http!.Methods.Select(m =>
            {
                var template = "/" + f.Http.Route;
                var operation = contract.Paths[template]?[m.ToLowerInvariant()];
                var schema = operation?["requestBody"]?["content"]?["application/json"]?["schema"] is JsonNode s ? Resolve(contract.Root, s) : null;
                return new HttpRoute(m, template, f.Http.AuthLevel, schema, f.Http.AuthLevel == AuthLevel.Anonymous && !s_public.Contains(template));
            }))
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    public bool HasPathParameters => Template.Contains('{', StringComparison.Ordinal);

    public string PathWith(string value) =>
        "api" + System.Text.RegularExpressions.Regex.Replace(Template, "{[^}]+}", Uri.EscapeDataString(value));

    public override string ToString() => $"{Method} /api{Template}";

    private static JsonObject? Resolve(JsonObject root, JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            schema = reference[2..].Split('/').Aggregate((JsonNode)root, (node, part) => node[part]!);
        }

        return schema as JsonObject;
    }
}
