using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using GongTongDizao.Core.Auth;
using GongTongDizao.DevHost.Functions;
using GongTongDizao.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GongTongDizao.EndToEnd.Tests.Reliability;

/// <summary>
/// Every endpoint × every kind of caller, on items that exist (created through the API), asserted against the
/// product's rules (<see cref="MatrixRules"/>), then every listing checked for items out of scope
/// (<see cref="ScopeLeakChecks"/>). The table is written to docs/security.md (run with UPDATE_SECURITY_DOC=1 to
/// refresh it) and the file is asserted.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class AuthorizationMatrixTests(MatrixFixture host)
{
    [Fact]
    public async Task Every_route_answers_every_caller_by_its_rule_no_listing_leaks_and_the_table_is_current()
    {
        var world = await MatrixWorld.CreateAsync(host);
        var badTokens = new Dictionary<Column, string> { [Column.Forged] = Forge(world.A.Token), [Column.Expired] = Expired(world.A.Token) };
        var routes = HttpRoute.All();
        var scenarios = MatrixScenarios.All.ToDictionary(s => s.Key);
        var failures = new List<string>();
        failures.AddRange(routes.Where(r => !scenarios.ContainsKey(Key(r))).Select(r => $"{r}: no scenario in MatrixScenarios"));
        failures.AddRange(scenarios.Keys.Except(routes.Select(Key)).Select(k => $"{k}: a scenario for a route the build does not serve"));

        var rows = new List<string>();
        var tried = 0;
        foreach (var route in routes.Where(r => scenarios.ContainsKey(Key(r))))
        {
            var scenario = scenarios[Key(route)];
            failures.AddRange(Misclassified(route, scenario));
            var statuses = await RunAsync(scenario, world, badTokens);
            failures.AddRange(statuses.Values.Select(s => s.Path).Distinct().Where(p => !PathFits(route, p)).Select(p => $"{route}: the scenario calls {p}, not this route"));
            foreach (var (column, status) in statuses)
            {
                tried++;
                if (!scenario.Rule.Accepts(column, status.Status))
                {
                    failures.Add($"{route} as {column} ({status.Path}): {status.Status}, rule {scenario.Rule.Name} expects {Describe(scenario.Rule.Expect(column))}");
                }
            }

            rows.Add($"| `{route.Method} /api{route.Template}` | {scenario.Rule.Name} | {Cells(statuses)} |");
        }

        foreach (var scenario in MatrixScenarios.HeldAndRejected)
        {
            var statuses = await RunAsync(scenario, world, badTokens);
            foreach (var (column, status) in statuses)
            {
                tried++;
                if (!scenario.Rule.Accepts(column, status.Status))
                {
                    failures.Add($"{scenario.Key} on a {scenario.Item} as {column} ({status.Path}): {status.Status}, rule {scenario.Rule.Name} expects {Describe(scenario.Rule.Expect(column))}");
                }
            }

            rows.Add($"| `{scenario.Method} /api{scenario.Template}` ({scenario.Item}) | {scenario.Rule.Name} | {Cells(statuses)} |");
        }

        var leaks = await new ScopeLeakChecks(host, world).RunAsync();
        tried += leaks.Count;
        failures.AddRange(leaks.Where(l => l.Failure is not null).Select(l => l.Failure!));
        CaseTally.Record("authorization-matrix", tried, failures.Count);
        Assert.True(failures.Count == 0, $"{failures.Count} of {tried} cells failed:\n" + string.Join('\n', failures));

        var document = SecurityDocument.Render(rows);
        var path = Path.Combine(RepoFolders.Find("docs"), "security.md");
        if (Environment.GetEnvironmentVariable("UPDATE_SECURITY_DOC") == "1")
        {
            await File.WriteAllTextAsync(path, document);
        }

        Assert.True(File.Exists(path) && (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") == document, "docs/security.md is out of date: run the tests with UPDATE_SECURITY_DOC=1.");
    }

    /// <summary>
    /// Refusals first, all on one item; then each caller that must succeed, on a new item when the call uses it up
    /// (the first on the shared item, which nothing has changed if the refusals held).
    /// </summary>
    private async Task<Dictionary<Column, (int Status, string Path)>> RunAsync(Scenario scenario, MatrixWorld world, Dictionary<Column, string> badTokens)
    {
        var shared = await scenario.Arrange(world);
        var sharedUsed = false;
        var statuses = new Dictionary<Column, (int, string)>();
        // Team people are plain residents outside 青年点单: the resident columns already cover them there.
        foreach (var column in Enum.GetValues<Column>().Where(c => scenario.Family == Family.Orders || !MatrixRules.IsTeam(c)).OrderBy(c => scenario.Rule.Expect(c) == Outcome.Allowed))
        {
            var target = shared;
            if (scenario.UsesUp && scenario.Rule.Expect(column) == Outcome.Allowed)
            {
                target = sharedUsed ? await scenario.Arrange(world) : shared;
                sharedUsed = true;
            }

            var person = scenario.FreshCallers ? await world.FreshAsync(column, scenario.Family) : world.Who(column, scenario.Family);
            var token = person?.Token ?? badTokens.GetValueOrDefault(column);
            var key = column == Column.AdminKey ? DevHostFixture.MasterKey : null;
            var (status, _) = await ScopeLeakChecks.SendAsync(host, new HttpMethod(scenario.Method), target.Path, token, key, target.Body?.Invoke(person ?? world.A));
            statuses[column] = (status, target.Path);
        }

        return statuses;
    }

    /// <summary>A scenario's rule must fit how its route authenticates (a key, no one, or a token).</summary>
    private static IEnumerable<string> Misclassified(HttpRoute route, Scenario scenario)
    {
        var forAdmins = route.Level is AuthLevel.Function or AuthLevel.Admin;
        if (forAdmins != (scenario.Rule == MatrixRules.AdminOnly) || (route.NeedsBearer && (scenario.Rule == MatrixRules.Open || scenario.Rule == MatrixRules.WeChatOnly)))
        {
            yield return $"{route}: rule {scenario.Rule.Name} does not fit a route of level {route.Level}";
        }
    }

    private static bool PathFits(HttpRoute route, string path) =>
        Regex.IsMatch(path, "^api" + Regex.Replace(Regex.Escape(route.Template), @"\\\{[^}]+}", "[^/?]+") + @"(\?|$)", RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Key(HttpRoute route) => $"{route.Method} {route.Template}";

    private static string Cells(Dictionary<Column, (int Status, string Path)> statuses) =>
        string.Join(" | ", Enum.GetValues<Column>().Select(c => statuses.TryGetValue(c, out var s) ? s.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–"));

    private static string Describe(Outcome outcome) => outcome == Outcome.Allowed ? "2xx" : ((int)outcome).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Forge(string token)
    {
        var jwt = new JsonWebToken(token);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audiences.First(),
            Subject = new ClaimsIdentity([new Claim("sub", jwt.Subject)]),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('f', 32))), SecurityAlgorithms.HmacSha256),
        });
    }

    private string Expired(string token)
    {
        var jwt = new JsonWebToken(token);
        var options = host.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", jwt.Subject)]),
            IssuedAt = now.AddHours(-3),
            NotBefore = now.AddHours(-3),
            Expires = now.AddMinutes(-5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(host.Services.GetRequiredService<KeyMaterial>().SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
