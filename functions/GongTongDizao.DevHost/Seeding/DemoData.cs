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
        using var import = new HttpRequestMessage(HttpMethod.Post, "manage/orgs/import") { Content = JsonContent.Create(new { orgs = LoadOrgs() }) };
        import.Headers.Add("x-functions-key", masterKey);
        await SendAsync(http, import, "import the demo governance tree", cancellationToken);

        foreach (var demo in DemoUsers.All)
        {
            using var login = new HttpRequestMessage(HttpMethod.Post, "auth/login") { Content = JsonContent.Create(new { code = demo.LoginCode }) };
            var session = await SendAsync<JsonElement>(http, login, $"log in as {demo.LoginCode}", cancellationToken);
            var token = session.GetProperty("token").GetString();
            var userId = session.GetProperty("user").GetProperty("id").GetString();

            using var profile = new HttpRequestMessage(HttpMethod.Put, "me") { Content = JsonContent.Create(new { displayName = demo.DisplayName, homeCommunityId = demo.HomeCommunityId }) };
            profile.Headers.Authorization = new("Bearer", token);
            await SendAsync(http, profile, $"set the profile of {demo.LoginCode}", cancellationToken);

            foreach (var (role, orgId) in demo.Roles)
            {
                using var grant = new HttpRequestMessage(HttpMethod.Post, $"manage/users/{userId}/roles") { Content = JsonContent.Create(new { role, orgId }) };
                grant.Headers.Add("x-functions-key", masterKey);
                await SendAsync(http, grant, $"grant {role} to {demo.LoginCode}", cancellationToken);
            }
        }
    }

    /// <summary>The demo tree as the admin import takes it: id, name, level, parentId.</summary>
    public static JsonArray LoadOrgs() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeding", "demo-orgs.json")))!.AsArray();

    private static async Task<T> SendAsync<T>(HttpClient http, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        T? result = default;
        await SendAsync(http, request, what, async response => result = await response.Content.ReadFromJsonAsync<T>(cancellationToken), cancellationToken);
        return result!;
    }

    private static Task SendAsync(HttpClient http, HttpRequestMessage request, string what, CancellationToken cancellationToken) =>
        SendAsync(http, request, what, _ => Task.CompletedTask, cancellationToken);

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, string what, Func<HttpResponseMessage, Task> read, CancellationToken cancellationToken)
    {
        // A busy machine can make the emulator slow enough for a 503 (with Retry-After): an operator would retry.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (body is not null)
            {
                copy.Content = new ByteArrayContent(body);
                copy.Content.Headers.ContentType = request.Content!.Headers.ContentType;
            }

            using var response = await http.SendAsync(copy, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
            {
                await EnsureAsync(response, what, cancellationToken);
                await read(response);
                return;
            }

            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"Demo data: could not {what}: {(int)response.StatusCode} {body}");
        }
    }
}
