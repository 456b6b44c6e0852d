using System.Text;
using System.Text.Json;
using GongTongDizao.Core.Common;

namespace GongTongDizao.EndToEnd.Tests.Letters;

/// <summary>
/// Every error the app itself produces is problem+json with a code of the catalogue (errors.json): no token, a bad
/// token, broken JSON, a wrong content type, a body too large, bad query values, an empty mark-read and a bad paging
/// token. Only the host's own answers (no such route, a method the route lacks) carry no body.
/// </summary>
[Collection(LettersCollection.Name)]
public sealed class ProblemResponseTests(LettersFixture host)
{
    [Fact]
    public async Task Every_error_the_app_produces_is_problem_json_with_a_catalogue_code()
    {
        var token = await host.LoginAsync($"dev-{Guid.NewGuid():N}");
        var cases = new (string Method, string Path, string? Token, string? Body, string? ContentType, int Status)[]
        {
            ("GET", "api/letters/mine", null, null, null, 401),
            ("GET", "api/letters/mine", "not-a-token", null, null, 401),
            ("POST", "api/letters", token, "{", "application/json", 400),
            ("POST", "api/letters", token, "{}", "text/plain", 415),
            ("POST", "api/letters", token, new string('x', 2_000_000), "application/json", 413),
            ("POST", "api/letters/mine/../x/reply", token, "{\"content\":\"您好\"}", "application/json", 404),
            ("GET", "api/orgs/search", token, null, null, 400),
            ("GET", "api/stats/showcase?orgId=420106&year=abc", token, null, null, 400),
            ("POST", "api/me/notifications/read", token, "{}", "application/json", 400),
            ("GET", "api/me/notifications?continuation=bTE6MDoyMA", token, null, null, 400),
            ("POST", "api/letters", token, "{\"category\":\"other\",\"title\":\"标题\u0007\",\"content\":\"正文\"}", "application/json", 400),
            ("GET", "api/letters/420106001001~00000000000000000000000000000000", token, null, null, 404),
        };
        var failures = new List<string>();
        foreach (var (method, path, bearer, body, contentType, expected) in cases)
        {
            using var client = host.CreateClient();
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (bearer is not null)
            {
                request.Headers.Authorization = new("Bearer", bearer);
            }

            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, contentType!);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json" && text.Length > 0
                ? JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null
                : null;
            if ((int)response.StatusCode != expected || code is null || !ErrorCatalog.Codes.Contains(code))
            {
                failures.Add($"{method} {path}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {text[..Math.Min(200, text.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
