using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GongTongDizao.Testing;

namespace GongTongDizao.EndToEnd.Tests;

/// <summary>Calls the DevHost like the mini-program does, logging in through the WeChat simulator.</summary>
public static class ApiClient
{
    public static async Task<string> LoginAsync(this DevHostFixture host, string code)
    {
        using var client = host.CreateClient();
        using var response = await client.PostAsJsonAsync(new Uri("api/auth/login", UriKind.Relative), new { code });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"login {code}: {(int)response.StatusCode} {body}");
        AssertMatchesContract("POST", "api/auth/login", response, body);
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public static async Task<(int Status, JsonElement Body)> SendAsync(this DevHostFixture host, HttpMethod method, string path, string? token = null, object? body = null, string? functionKey = null)
    {
        using var client = host.CreateClient();
        using var request = Request(method, path, token, body, functionKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        AssertMatchesContract(method.Method, path, response, text);
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, json);
    }

    /// <summary>A call whose status is all that matters (load tests): no contract check, one shared client.</summary>
    public static async Task<(int Status, string Body)> SendRawAsync(this DevHostFixture host, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(host.BaseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await s_shared.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A request as the mini-program (or, with a function key, an administrator) sends it; a string body is sent as is.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body, string? functionKey)
    {
        var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (functionKey is not null)
        {
            request.Headers.Add("x-functions-key", functionKey);
        }

        if (body is not null)
        {
            request.Content = body is string raw ? new StringContent(raw, System.Text.Encoding.UTF8, "application/json") : JsonContent.Create(body);
        }

        return request;
    }

    private static readonly HttpClient s_shared = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Every response an end-to-end test sees is checked against the mini-program contract's schema.</summary>
    public static void AssertMatchesContract(string method, string path, HttpResponseMessage response, string body)
    {
        ArgumentNullException.ThrowIfNull(response);
        var relative = "/" + path.TrimStart('/').Split('?')[0];
        relative = relative.StartsWith("/api/", StringComparison.Ordinal) ? relative[4..] : relative;
        var contentType = response.Content.Headers.ContentType?.ToString() ?? string.Empty;
        var problem = ContractDocument.Current.ValidateResponse(method, relative, (int)response.StatusCode, contentType, body);
        Assert.True(problem is null, problem);
    }
}
