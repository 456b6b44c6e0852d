using System.Net;
using System.Text.Json;

namespace GongTongDizao.DevHost.Seeding;

/// <summary>Who a demo call is made as: the administrator's function key, or a demo person's session token.</summary>
internal sealed record Credentials(string? FunctionKey = null, string? Bearer = null);

/// <summary>The app's HTTP API as the demo seeding uses it, with the retry an operator would do on a busy emulator.</summary>
internal sealed class DemoApi(HttpClient http)
{
    /// <summary>One call whose failure stops the seeding, its JSON answer returned.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, Credentials credentials, string what, CancellationToken cancellationToken)
    {
        var (status, json) = await TrySendAsync(method, path, body, credentials, cancellationToken);
        return status is >= 200 and < 300
            ? json
            : throw new InvalidOperationException($"Demo data: could not {what}: {status} {json}");
    }

    /// <summary>
    /// One call, its status and JSON answer (empty object when there is none). A busy machine can make the emulator
    /// slow enough for a 503 with Retry-After: like an operator, this waits and sends it again, a few times.
    /// </summary>
    public async Task<(int Status, JsonElement Body)> TrySendAsync(HttpMethod method, string path, object? body, Credentials credentials, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

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

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
            return ((int)response.StatusCode, json.RootElement.Clone());
        }
    }
}
