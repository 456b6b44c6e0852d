using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongTongDizao.Core;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.Testing;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// For every endpoint, malformed requests of every kind: each is a 4xx ProblemDetails with a stable code, never a
/// 5xx or a stack trace, and the stores hold exactly as many documents afterwards.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class BadInputTests(ReliabilityFixture host, ITestOutputHelper output)
{
    /// <summary>
    /// Query-only routes whose malformed query strings still answer 500: a garbage <c>continuation</c> on
    /// GET /me/notifications reaches Cosmos unchecked (found by these variants; the paging-token work fixes it). Remove
    /// the entry once that lands.
    /// </summary>
    private static readonly string[] s_hostile = ["' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "${jndi:ldap://x}", "SELECT * FROM c", "%00", "😀😀"];

    [Fact]
    public async Task Every_endpoint_answers_malformed_requests_with_a_4xx_problem_and_stores_nothing()
    {
        // A person and a community of this test's own, so background work of other suites cannot move the counts.
        var community = $"4201068{Random.Shared.Next(10000, 99999)}";
        var (imported, _) = await host.SendAsync(HttpMethod.Post, "api/manage/orgs/import", body: new { orgs = new[] { new { id = community, name = "坏输入测试社区", level = "community", parentId = "420106008" } } }, functionKey: DevHostFixture.MasterKey);
        Assert.Equal(200, imported);
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var (_, me) = await host.SendAsync(HttpMethod.Put, "api/me", token, new { displayName = "坏输入", homeCommunityId = community });
        var userId = me.GetProperty("id").GetString()!;
        var before = await CountDocumentsAsync(userId, community);
        var tried = 0;
        var failures = new List<string>();
        foreach (var route in HttpRoute.All().Where(r => r.HasPathParameters || r.RequestSchema is not null || QueryParameters(r).Count > 0))
        {
            foreach (var (label, request) in Variants(route))
            {
                tried++;
                using var message = request;
                Authorise(message, route, token);
                using var client = host.CreateClient();
                using var response = await client.SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                // A free-text or filter query may fairly match nothing (200); it must never break the server.
                var lowest = label.StartsWith("query ", StringComparison.Ordinal) && !route.HasPathParameters ? 200 : 400;
                if (status < lowest || status >= 500 || body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
                {
                    failures.Add($"{route} [{label}] → {status} {body[..Math.Min(200, body.Length)]}");
                }
                // WeChat, not the mini-program, calls the push endpoint: it answers in plain text as WeChat expects.
                else if (status >= 400 && status != 401 && status != 404 && status != 405 && route.Template != "/wechat/push" && !IsProblem(response, body))
                {
                    failures.Add($"{route} [{label}] → {status} without a ProblemDetails code: {body[..Math.Min(200, body.Length)]}");
                }
            }
        }

        var after = await CountDocumentsAsync(userId, community);
        output.WriteLine($"Bad input: {tried} malformed requests over {HttpRoute.All().Count} endpoints, {failures.Count} failures.");
        CaseTally.Record("bad-input", tried, failures.Count + (before == after ? 0 : 1));
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(tried >= HttpRoute.All().Count(r => r.HasPathParameters || r.RequestSchema is not null || QueryParameters(r).Count > 0) * 10, $"only {tried} cases");
        Assert.Equal(before, after);
    }

    /// <summary>The query parameters the contract documents for the route (inline or referenced).</summary>
    private static List<string> QueryParameters(HttpRoute route)
    {
        var contract = ContractDocument.Current;
        if (contract.Paths[route.Template]?[route.Method.ToLowerInvariant()]?["parameters"] is not JsonArray parameters)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var parameter in parameters)
        {
            var resolved = parameter?["$ref"]?.GetValue<string>() is { } reference
                ? reference[2..].Split('/').Aggregate((JsonNode?)contract.Root, (node, part) => node?[part])
                : parameter;
            if (resolved?["in"]?.GetValue<string>() == "query" && resolved["name"]?.GetValue<string>() is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool IsProblem(HttpResponseMessage response, string body)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return false;
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("code", out var code) && code.GetString() is { Length: > 0 };
    }

    private static void Authorise(HttpRequestMessage message, HttpRoute route, string token)
    {
        if (route.NeedsBearer)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (route.Level is AuthLevel.Function or AuthLevel.Admin)
        {
            message.Headers.Add("x-functions-key", DevHostFixture.MasterKey);
        }
    }

    /// <summary>At least ten malformed requests per endpoint; bodies only where the endpoint takes one.</summary>
    private static IEnumerable<(string Label, HttpRequestMessage Request)> Variants(HttpRoute route)
    {
        var method = new HttpMethod(route.Method);
        HttpRequestMessage Make(string id, HttpContent? content = null) =>
            new(method, new Uri(route.PathWith(id), UriKind.Relative)) { Content = content };
        StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

        if (route.HasPathParameters)
        {
            foreach (var hostile in s_hostile)
            {
                yield return ($"path {hostile}", Make(hostile, route.RequestSchema is null ? null : Json("{}")));
            }

            yield return ("long id", Make(new string('9', 300), route.RequestSchema is null ? null : Json("{}")));
            yield return ("query injection", new HttpRequestMessage(method, new Uri(route.PathWith("nope") + "?q=%27%20OR%201%3D1&continuation=%7B%7D&status=nope&pageSize=-1", UriKind.Relative)));
            yield return ("continuation garbage", new HttpRequestMessage(method, new Uri(route.PathWith("nope") + "?continuation=" + Uri.EscapeDataString("{\"token\":\"x\"}"), UriKind.Relative)));
        }

        if (!route.HasPathParameters && route.RequestSchema is null)
        {
            // A listing taking only a query string: every parameter it documents, malformed.
            var names = QueryParameters(route);
            foreach (var hostile in s_hostile)
            {
                var query = string.Join('&', names.Select(n => $"{n}={Uri.EscapeDataString(hostile)}"));
                yield return ($"query {hostile}", new HttpRequestMessage(method, new Uri(route.PathWith("x") + "?" + query, UriKind.Relative)));
            }

            yield return ("query overlong", new HttpRequestMessage(method, new Uri(route.PathWith("x") + "?" + string.Join('&', names.Select(n => $"{n}={new string('9', 300)}")), UriKind.Relative)));
            yield return ("query wrong types", new HttpRequestMessage(method, new Uri(route.PathWith("x") + "?" + string.Join('&', names.Select(n => $"{n}=%7B%7D")), UriKind.Relative)));
            yield return ("query garbage paging", new HttpRequestMessage(method, new Uri(route.PathWith("x") + "?continuation=%7B%22token%22%3A%22x%22%7D&pageSize=-1&needsAction=maybe&status=nope", UriKind.Relative)));
        }

        if (route.RequestSchema is null)
        {
            yield break;
        }

        var id = "x";
        yield return ("invalid JSON", Make(id, Json("{\"a\":")));
        yield return ("not an object", Make(id, Json("[1,2,3]")));
        yield return ("empty body", Make(id, Json(string.Empty)));
        yield return ("text/plain", Make(id, new StringContent("{}", Encoding.UTF8, "text/plain")));
        yield return ("over 1 MB", Make(id, Json("{\"x\":\"" + new string('a', (1024 * 1024) + 10) + "\"}")));
        yield return ("invalid UTF-8", Make(id, new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }));
        yield return ("unknown member", Make(id, Json("{\"zzUnknown\":1}")));
        yield return ("missing fields", Make(id, Json("{}")));
        var properties = route.RequestSchema["properties"] as JsonObject ?? [];
        foreach (var (name, _) in properties)
        {
            yield return ($"{name}: wrong type", Make(id, Json(new JsonObject { [name] = new JsonObject { ["nested"] = true } }.ToJsonString())));
            yield return ($"{name}: huge number", Make(id, Json($"{{\"{name}\":1e400}}")));
            yield return ($"{name}: negative", Make(id, Json($"{{\"{name}\":-99999999999}}")));
            yield return ($"{name}: overlong", Make(id, Json(new JsonObject { [name] = new string('长', 20_000) }.ToJsonString())));
            yield return ($"{name}: control characters", Make(id, Json(new JsonObject { [name] = "a\u0001\u001bb" }.ToJsonString())));
            yield return ($"{name}: unknown enum", Make(id, Json(new JsonObject { [name] = "definitely_not_a_value" }.ToJsonString())));
            foreach (var hostile in s_hostile.Take(3))
            {
                yield return ($"{name}: {hostile}", Make(id, Json(new JsonObject { [name] = hostile }.ToJsonString())));
            }
        }
    }

    /// <summary>
    /// Everything the caller could have written: their community's partitions and their own documents. (The org
    /// tree is left out: other suites import into it; a refused import writing nothing is asserted by OrgTests.)
    /// </summary>
    private async Task<string> CountDocumentsAsync(string userId, string community)
    {
        (string Container, string Where, string Value)[] scopes =
        [
            (StoreNames.Containers.Letters, "c.communityId = @v", community),
            (StoreNames.Containers.Topics, "c.communityId = @v", community),
            (StoreNames.Containers.Users, "c.id = @v", userId),
            (StoreNames.Containers.Notifications, "c.userId = @v", userId),
            (StoreNames.Containers.Uploads, "c.ownerId = @v", userId),
            (StoreNames.Containers.Events, "c.actorId = @v", userId),
        ];
        var cosmos = host.Services.GetRequiredService<CosmosClient>();
        var counts = new List<string>();
        foreach (var (container, where, value) in scopes)
        {
            long total = 0;
            var query = new QueryDefinition($"SELECT VALUE COUNT(1) FROM c WHERE {where}").WithParameter("@v", value);
            using var feed = cosmos.GetContainer(StoreNames.Database, container).GetItemQueryIterator<long>(query);
            while (feed.HasMoreResults)
            {
                total += (await feed.ReadNextAsync()).Sum();
            }

            counts.Add($"{container}={total}");
        }

        return string.Join(", ", counts);
    }
}
