using System.Text.Json;
using GongTongDizao.DevHost.Rpc;

namespace GongTongDizao.DevHost.Functions;

/// <summary>
/// One function as the worker reported it in its FunctionMetadataResponse: its id, name and the trigger binding
/// (the raw binding JSON, the same text Azure's host reads), with the HTTP details parsed out.
/// </summary>
public sealed record WorkerFunction(
    string FunctionId,
    string Name,
    string EntryPoint,
    string TriggerType,
    string TriggerBindingName,
    string TriggerBindingJson,
    HttpTriggerInfo? Http)
{
    public const string HttpTrigger = "httpTrigger";
    public const string QueueTrigger = "queueTrigger";
    public const string TimerTrigger = "timerTrigger";

    /// <summary>Reads the worker's metadata; the function id the worker chose is kept (the host loads it by that id).</summary>
    public static WorkerFunction From(RpcFunctionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var id = string.IsNullOrEmpty(metadata.FunctionId) ? Guid.NewGuid().ToString() : metadata.FunctionId;
        foreach (var raw in metadata.RawBindings)
        {
            using var document = JsonDocument.Parse(raw);
            var binding = document.RootElement;
            var type = String(binding, "type") ?? string.Empty;
            if (!type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = String(binding, "name") ?? throw new FunctionMetadataException($"The trigger of {metadata.Name} has no name.");
            var http = string.Equals(type, HttpTrigger, StringComparison.OrdinalIgnoreCase) ? HttpTriggerInfo.From(metadata.Name, binding) : null;
            return new WorkerFunction(id, metadata.Name, metadata.EntryPoint, type, name, raw, http);
        }

        throw new FunctionMetadataException($"Function {metadata.Name} has no trigger binding.");
    }

    internal static string? String(JsonElement element, string property)
    {
        foreach (var candidate in element.EnumerateObject())
        {
            // The worker's metadata generator writes camelCase; function.json authors sometimes don't.
            if (string.Equals(candidate.Name, property, StringComparison.OrdinalIgnoreCase) && candidate.Value.ValueKind == JsonValueKind.String)
            {
                return candidate.Value.GetString();
            }
        }

        return null;
    }
}

/// <summary>An HTTP trigger's route (without the host's prefix), methods (upper case; empty = all) and auth level.</summary>
public sealed record HttpTriggerInfo(string Route, IReadOnlyList<string> Methods, AuthLevel AuthLevel)
{
    internal static HttpTriggerInfo From(string functionName, JsonElement binding)
    {
        var route = WorkerFunction.String(binding, "route") ?? functionName;
        var methods = binding.EnumerateObject()
            .Where(p => string.Equals(p.Name, "methods", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Array)
            .SelectMany(p => p.Value.EnumerateArray())
            .Select(m => m.GetString()!.ToUpperInvariant())
            .ToList();
        var level = WorkerFunction.String(binding, "authLevel") is { } text && Enum.TryParse<AuthLevel>(text, ignoreCase: true, out var parsed)
            ? parsed
            : AuthLevel.Function;
        return new HttpTriggerInfo(route.Trim('/'), methods, level);
    }

    public bool Allows(string method) => Methods.Count == 0 || Methods.Contains(method, StringComparer.OrdinalIgnoreCase);
}
