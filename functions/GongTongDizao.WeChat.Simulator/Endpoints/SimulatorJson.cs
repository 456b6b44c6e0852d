using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace GongTongDizao.WeChat.Simulator;

/// <summary>Reads request bodies as loosely as WeChat does (numbers or strings, booleans as "true").</summary>
internal static class SimulatorJson
{
    public static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            // Not bound to RequestAborted: the body is already buffered (ApiGate), and a simulated WeChat goes on
            // processing a request whose caller has gone.
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: CancellationToken.None);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        } : null;

    public static long? Number(JsonElement obj, string name) =>
        long.TryParse(String(obj, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool Bool(JsonElement obj, string name, bool fallback = false) => String(obj, name) switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => fallback,
    };
}
