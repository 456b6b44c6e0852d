using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongTongDizao.DevHost.Seeding;

/// <summary>
/// Loads the demo governance tree under 武汉市 and the demo people the way an operator would: the tree through
/// the admin import, each person by logging in with their demo code and setting their profile, their roles
/// through the admin API. Everything is idempotent, so a reused emulator is harmless.
/// </summary>
public static class DemoData
{
    public const string DemoCommunityId = "420106001001";

    public static async Task SeedAsync(Uri apiBase, string masterKey, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(60) };
        var admin = new Credentials(FunctionKey: masterKey);
        await SendAsync(http, HttpMethod.Post, "manage/orgs/import", new { orgs = LoadOrgs() }, admin, "import the demo governance tree", cancellationToken);

        foreach (var demo in DemoUsers.All)
        {
            var session = await SendAsync(http, HttpMethod.Post, "auth/login", new { code = demo.LoginCode }, new Credentials(), $"log in as {demo.LoginCode}", cancellationToken);
            var resident = new Credentials(Bearer: session.GetProperty("token").GetString());
            var userId = session.GetProperty("user").GetProperty("id").GetString();
            await SendAsync(http, HttpMethod.Put, "me", new { displayName = demo.DisplayName, homeCommunityId = demo.HomeCommunityId }, resident, $"set the profile of {demo.LoginCode}", cancellationToken);

            foreach (var (role, orgId) in demo.Roles)
            {
                await SendAsync(http, HttpMethod.Post, $"manage/users/{userId}/roles", new { role, orgId }, admin, $"grant {role} to {demo.LoginCode}", cancellationToken);
            }
        }
    }

    /// <summary>The demo tree as the admin import takes it: id, name, level, parentId.</summary>
    public static JsonArray LoadOrgs() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeding", "demo-orgs.json")))!.AsArray();

    /// <summary>
    /// One call of the admin or resident API, its JSON answer returned. A busy machine can make the emulator slow
    /// enough for a 503 with Retry-After: like an operator, this waits and sends it again, a few times.
    /// </summary>
    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, object body, Credentials credentials, string what, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            if (credentials.FunctionKey is not null)
            {
                request.Headers.Add("x-functions-key", credentials.FunctionKey);
            }

            if (credentials.Bearer is not null)
            {
                request.Headers.Authorization = new("Bearer", credentials.Bearer);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2), cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Demo data: could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
    }

    private sealed record Credentials(string? FunctionKey = null, string? Bearer = null);
}
