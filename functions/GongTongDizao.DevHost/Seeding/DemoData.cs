using System.Text.Json.Nodes;

namespace GongTongDizao.DevHost.Seeding;

/// <summary>
/// Loads the demo governance tree under 武汉市 and the demo people the way an operator would: the tree through
/// the admin import, each person by logging in with their demo code and setting their profile, their roles
/// through the admin API; then the 青年点单 demo (<see cref="DemoVolunteering"/>). Everything is idempotent, so a
/// reused emulator is harmless.
/// </summary>
public static class DemoData
{
    public const string DemoCommunityId = "420106001001";

    // Hosts in one process (test fixtures starting side by side) share the emulator: seeding the teams one host at a
    // time lets the second find the first's teams and orders instead of racing it to create them twice. The tree and
    // the people are idempotent writes and go in parallel.
    private static readonly SemaphoreSlim s_volunteering = new(1, 1);

    /// <summary>
    /// Seeds through <paramref name="apiBase"/>. <paramref name="issuePhoneCode"/> is the WeChat simulator's phone code
    /// for a number (what the phone button yields on a device); without a simulator nobody can verify a phone, so the
    /// volunteer teams and orders are left out (as they are when the host is told not to seed them).
    /// </summary>
    public static async Task SeedAsync(Uri apiBase, string masterKey, TimeProvider time, Func<string, string>? issuePhoneCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var http = new HttpClient { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(60) };
        var api = new DemoApi(http);
        var admin = new Credentials(FunctionKey: masterKey);
        await api.SendAsync(HttpMethod.Post, "manage/orgs/import", new { orgs = LoadOrgs() }, admin, "import the demo governance tree", cancellationToken);

        var people = new Dictionary<string, DemoSession>(StringComparer.Ordinal);
        foreach (var demo in DemoUsers.All)
        {
            var session = await api.SendAsync(HttpMethod.Post, "auth/login", new { code = demo.LoginCode }, new Credentials(), $"log in as {demo.LoginCode}", cancellationToken);
            var resident = new Credentials(Bearer: session.GetProperty("token").GetString());
            var userId = session.GetProperty("user").GetProperty("id").GetString()!;
            await api.SendAsync(HttpMethod.Put, "me", new { displayName = demo.DisplayName, homeCommunityId = demo.HomeCommunityId }, resident, $"set the profile of {demo.LoginCode}", cancellationToken);

            foreach (var (role, orgId) in demo.Roles)
            {
                await api.SendAsync(HttpMethod.Post, $"manage/users/{userId}/roles", new { role, orgId }, admin, $"grant {role} to {demo.LoginCode}", cancellationToken);
            }

            people[demo.LoginCode] = new DemoSession(demo, resident, userId);
        }

        if (issuePhoneCode is not null)
        {
            await s_volunteering.WaitAsync(cancellationToken);
            try
            {
                await new DemoVolunteering(api, people, time, issuePhoneCode).SeedAsync(cancellationToken);
            }
            finally
            {
                s_volunteering.Release();
            }
        }
    }

    /// <summary>The demo tree as the admin import takes it: id, name, level, parentId.</summary>
    public static JsonArray LoadOrgs() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeding", "demo-orgs.json")))!.AsArray();
}

/// <summary>A demo person logged in: who they are, their session, their user id.</summary>
internal sealed record DemoSession(DemoUser Person, Credentials Credentials, string UserId);
