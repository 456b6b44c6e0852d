using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GongTongDizao.Bench;

/// <summary>Calls to the DevHost the way the mini-program makes them: JSON bodies and a bearer token.</summary>
internal sealed class ApiSession(HttpClient client)
{
    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? token = null, object? body = null, string? functionKey = null)
    {
        using var request = Request(method, path, token, body, functionKey);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return ((int)response.StatusCode, json);
    }

    /// <summary>The status only, with the body drained but not parsed: what the load loops need.</summary>
    public async Task<int> StatusAsync(HttpMethod method, string path, string? token = null, object? body = null)
    {
        using var request = Request(method, path, token, body, functionKey: null);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        return (int)response.StatusCode;
    }

    public async Task<string> LoginAsync(string code)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "api/auth/login", body: new { code });
        return status == 200 ? body.GetProperty("token").GetString()! : throw new InvalidOperationException($"login gave {status}: {body}");
    }

    public async Task<string> CreatedIdAsync(HttpMethod method, string path, string? token, object body, string? functionKey = null)
    {
        var (status, json) = await SendAsync(method, path, token, body, functionKey);
        return status == 201 ? json.GetProperty("id").GetString()! : throw new InvalidOperationException($"{method} {path} gave {status}: {json}");
    }

    public async Task ExpectAsync(int expected, HttpMethod method, string path, string? token = null, object? body = null, string? functionKey = null)
    {
        var (status, json) = await SendAsync(method, path, token, body, functionKey);
        if (status != expected)
        {
            throw new InvalidOperationException($"{method} {path} gave {status}, expected {expected}: {json}");
        }
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? token, object? body, string? functionKey)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
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
            request.Content = JsonContent.Create(body);
        }

        return request;
    }
}
